package io.ebm4j.study.spark;

import io.ebm4j.study.Engine;
import io.ebm4j.study.Engines;
import io.ebm4j.study.SerializableFunction;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs the tasks of a sweep on Apache Spark: one partition per task, so that cells spread over all executors, and
 * results collected back to the driver in task order. Spark is an optional dependency of ebm4j; code that must run
 * without it obtains this engine through {@link io.ebm4j.study.Engines#spark(String)}.
 *
 * <p>Tasks, the function and results are serialized with Java serialization. On Java 17 the JVM that hosts the
 * driver needs the options in {@link Engines#SPARK_JVM_OPTIONS}, which {@code spark-submit} passes by itself.
 *
 * <pre>{@code
 * try (Engine engine = SparkEngine.local("local[4]")) {   // under spark-submit: SparkEngine.fromSubmit()
 *   List<Double> out = engine.map(seeds, seed -> run(seed));
 * }
 * }</pre>
 */
public final class SparkEngine implements Engine {
  /** Marks the configuration of a context that this class created, so close() stops only those. */
  private static final String OWNER_KEY = "spark.ebm4j.engine.owner";

  private final JavaSparkContext jsc;
  private final boolean owned;

  private SparkEngine(SparkConf conf) {
    String token = UUID.randomUUID().toString();
    conf.set(OWNER_KEY, token);
    SparkContext sc;
    try {
      sc = SparkContext.getOrCreate(conf);
    } catch (IllegalAccessError | java.lang.reflect.InaccessibleObjectException e) {
      throw new IllegalStateException("Spark cannot reach JDK internals: start this JVM with "
          + Engines.SPARK_JVM_OPTIONS + " (spark-submit adds them by itself)", e);
    }
    this.jsc = JavaSparkContext.fromSparkContext(sc);
    this.owned = token.equals(sc.getConf().get(OWNER_KEY, null));
  }

  /**
   * An engine on the given master, typically {@code local[4]}. Uses the running Spark context if there is one (its
   * master wins), otherwise starts one whose driver is bound to the loopback interface, with the web UI off. For a
   * cluster, whose executors must reach the driver, submit with spark-submit and use {@link #fromSubmit()}.
   */
  public static SparkEngine local(String master) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("master must be a Spark master URL such as local[4], got '" + master + "'");
    }
    SparkConf conf = new SparkConf()
        .setMaster(master)
        .setIfMissing("spark.app.name", "ebm4j")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1");
    return new SparkEngine(conf);
  }

  /**
   * An engine on the master that {@code spark-submit} configured (its {@code spark.*} system properties), or on the
   * running Spark context if there is one. Executors get the driver's BLAS thread count ({@code OMP_NUM_THREADS}, 1
   * when unset, as {@code ./ebm4j} runs) unless {@code spark.executorEnv.OMP_NUM_THREADS} is set: OpenBLAS's results
   * depend on its thread count, so a cell gives the same numbers on an executor as on the driver.
   *
   * @throws IllegalStateException when no master is configured (the JVM was not started by spark-submit)
   */
  public static SparkEngine fromSubmit() {
    SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "ebm4j")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
    if (!conf.contains("spark.master")) {
      throw new IllegalStateException("no spark.master is configured: start the JVM with spark-submit --master ..."
          + " or use SparkEngine.local(master)");
    }
    return new SparkEngine(conf);
  }

  /** The master URL of the Spark context in use. */
  public String master() {
    return jsc.master();
  }

  /** The Spark context in use (shared with other code when this engine did not create it). */
  public JavaSparkContext context() {
    return jsc;
  }

  @Override
  public String name() {
    return "spark(" + jsc.master() + ")";
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, SerializableFunction<T, R> f) {
    if (tasks == null) {
      throw new IllegalArgumentException("tasks must not be null");
    }
    if (f == null) {
      throw new IllegalArgumentException("f must not be null");
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    try {
      return jsc.parallelize(tasks, tasks.size()).map(adapt(f)).collect();
    } catch (Exception e) { // Scala throws the checked SparkException undeclared
      throw taskFailure(e);
    }
  }

  /** A Spark function that captures f alone (never this engine, whose context is not serializable). */
  private static <T, R> Function<T, R> adapt(SerializableFunction<T, R> f) {
    return f::apply;
  }

  /**
   * The exception a failed job is reported with: the task's own exception when Spark shipped it back (so callers
   * see the same exception as on a local engine), with Spark's report attached as suppressed; Spark's otherwise.
   */
  private static RuntimeException taskFailure(Exception e) {
    Throwable cause = e.getCause();
    if (e instanceof SparkException && cause instanceof RuntimeException r) {
      r.addSuppressed(e);
      return r;
    }
    if (e instanceof SparkException && cause instanceof Error err) {
      err.addSuppressed(e);
      throw err;
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException("Spark job failed: " + e.getMessage(), e);
  }

  /** Stops the Spark context if this engine started it; leaves a shared one running. */
  @Override
  public void close() {
    if (owned) {
      jsc.stop();
    }
  }
}
