package io.ebm4j.cli;

import io.ebm4j.study.Engine;

/** Loads the Spark engine by reflection, so that the CLI runs without Spark on its class path. */
final class SparkLoader {
  private SparkLoader() {}

  static Engine engine(String master) {
    try {
      Class<?> c = Class.forName("io.ebm4j.study.spark.SparkEngine");
      return master == null ? (Engine) c.getMethod("fromSubmit").invoke(null)
          : (Engine) c.getMethod("local", String.class).invoke(null, master);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new IllegalArgumentException("--engine spark needs Apache Spark on the class path: run through"
          + " spark-submit, or build with the spark profile (see README, 'Sweeps on Spark')");
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("could not start Spark: " + cause.getMessage(), cause);
    }
  }
}
