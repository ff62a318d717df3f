package io.ebm4j.study;

import java.lang.reflect.InvocationTargetException;

/**
 * Engines by name, without a compile-time dependency on Spark: the Spark engine is loaded reflectively, so the CLI
 * and notebooks run without Spark on their classpath and only need it when a Spark engine is asked for.
 *
 * <pre>{@code
 * Engine engine = Engines.spark("local[4]");   // IllegalStateException saying how to get Spark when it is absent
 * }</pre>
 */
public final class Engines {
  /**
   * The JVM options Spark 3.5 needs on Java 17 (the ones spark-submit passes by itself); give them to {@code java}
   * (or MAVEN_OPTS for {@code mvn exec:java}) when Spark runs inside a JVM that spark-submit did not start.
   */
  public static final String SPARK_JVM_OPTIONS = String.join(" ",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");

  static final String SPARK_ENGINE = "io.ebm4j.study.spark.SparkEngine";
  static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";
  static final String HOW_TO_GET_SPARK = "Apache Spark 3.5 (Scala 2.13) is not on the class path: run ebm4j with"
      + " spark-submit, which provides it, or put Spark's jars on the class path (it is a provided dependency:"
      + " `mvn exec:java -Dexec.classpathScope=test ...`, or `mvn dependency:build-classpath"
      + " -Dmdep.includeScope=test` for `java -cp`), with the JVM options in Engines.SPARK_JVM_OPTIONS";

  private Engines() {}

  /** A local thread pool with n threads (n at least 1). */
  public static Engine local(int threads) {
    return LocalEngine.threads(threads);
  }

  /**
   * A Spark engine on the given master (e.g. {@code local[4]}), using the running Spark context if there is one.
   *
   * @throws IllegalStateException when Spark is not on the classpath
   */
  public static Engine spark(String master) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("master must be a Spark master URL such as local[4], got '" + master + "'");
    }
    return spark("local", new Class<?>[] {String.class}, new Object[] {master}, Engines.class.getClassLoader());
  }

  /**
   * A Spark engine on the master given to {@code spark-submit}.
   *
   * @throws IllegalStateException when Spark is not on the classpath or no master is configured
   */
  public static Engine sparkFromSubmit() {
    return spark("fromSubmit", new Class<?>[0], new Object[0], Engines.class.getClassLoader());
  }

  /** Whether Spark can be loaded by the given class loader. */
  static boolean sparkAvailable(ClassLoader loader) {
    try {
      Class.forName(SPARK_CONTEXT, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Calls the static factory {@code factory} of the Spark engine as loaded by {@code loader}. */
  static Engine spark(String factory, Class<?>[] types, Object[] args, ClassLoader loader) {
    if (!sparkAvailable(loader)) {
      throw new IllegalStateException(HOW_TO_GET_SPARK);
    }
    try {
      Class<?> type = Class.forName(SPARK_ENGINE, true, loader);
      return (Engine) type.getMethod(factory, types).invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof NoClassDefFoundError missing) {
        throw new IllegalStateException(HOW_TO_GET_SPARK + " (missing " + missing.getMessage() + ")", missing);
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("could not start the Spark engine: " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(HOW_TO_GET_SPARK + " (" + e + ")", e);
    }
  }
}
