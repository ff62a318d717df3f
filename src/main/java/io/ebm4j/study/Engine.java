package io.ebm4j.study;

/**
 * Where the cells of a sweep run: a local thread pool (default) or Apache Spark. Results come back in task order.
 *
 * <p>A task that throws makes {@link #map} throw that exception (unchecked exceptions as they are), after which the
 * engine may still be used. Tasks and results cross process boundaries on Spark, so both must be serializable and
 * the function must not capture anything that is not (build ND4J arrays inside the task, not outside).
 *
 * <pre>{@code
 * try (Engine engine = LocalEngine.auto()) {              // or Engines.spark("local[4]")
 *   List<Double> sums = engine.map(List.of(1L, 2L, 3L), seed -> work(seed));
 * }
 * }</pre>
 */
public interface Engine extends AutoCloseable {
  /** A short description of the engine and its resources, e.g. {@code local(4 threads)}. */
  String name();

  /** Applies f to every task, possibly in parallel; the i-th result is f(tasks.get(i)). */
  <T extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(
      java.util.List<T> tasks, SerializableFunction<T, R> f);

  /** Releases the engine's threads or cluster resources. */
  @Override
  default void close() {}
}
