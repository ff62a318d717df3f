package io.ebm4j.study;
/** Where the cells of a sweep run: a local thread pool (default) or Apache Spark. Results come back in task order. */
public interface Engine extends AutoCloseable {
  String name();
  <T extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(java.util.List<T> tasks, SerializableFunction<T, R> f);
  @Override default void close() {}
}
