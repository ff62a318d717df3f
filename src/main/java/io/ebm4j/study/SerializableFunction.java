package io.ebm4j.study;
@FunctionalInterface public interface SerializableFunction<T, R> extends java.util.function.Function<T, R>, java.io.Serializable {}
