package io.ebm4j.study;

/**
 * A function that can be shipped to another JVM (a Spark executor). A lambda assigned to this type is serializable
 * as long as everything it captures is.
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends java.util.function.Function<T, R>, java.io.Serializable {}
