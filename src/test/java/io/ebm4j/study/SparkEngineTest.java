package io.ebm4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.study.spark.SparkEngine;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Spark engine on a real local Spark context with two executor threads: same numbers as the local engine, task
 * failures surface with their message, a shared context outlives the engines that did not start it, and the engine
 * is reachable without compile-time Spark. Also prints the context's start time and the per-task overhead.
 */
class SparkEngineTest {
  private static Engine spark;

  /** What one seeded cell computes: sums of a batch of normals and of its Gram matrix (via BLAS). */
  record Summary(long seed, double sum, double gramSum) implements Serializable {}

  /** Seeded numeric work with ND4J, built entirely inside the task. */
  static Summary summarize(Long seed) {
    int n = 256;
    int d = 8;
    INDArray x = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(x), n * d);
    double gram = x.transpose().mmul(x).sumNumber().doubleValue();
    return new Summary(seed, x.sumNumber().doubleValue(), gram);
  }

  @BeforeAll
  static void startSpark() {
    long t0 = System.nanoTime();
    spark = Engines.spark("local[2]"); // through reflection, as the CLI does
    System.out.printf(Locale.ROOT, "Spark context local[2] started in %.2f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.close();
    }
  }

  private static List<Long> seeds(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void seededNd4jWorkOnSparkEqualsTheLocalEngineBitForBit() {
    List<Long> tasks = seeds(20);
    List<Summary> onSpark = spark.map(tasks, SparkEngineTest::summarize);
    List<Summary> local;
    try (Engine engine = LocalEngine.threads(2)) {
      local = engine.map(tasks, SparkEngineTest::summarize);
    }
    assertEquals(20, onSpark.size());
    for (int i = 0; i < tasks.size(); i++) {
      Summary s = onSpark.get(i);
      Summary l = local.get(i);
      assertEquals(tasks.get(i), s.seed(), "task order");
      assertEquals(Double.doubleToRawLongBits(l.sum()), Double.doubleToRawLongBits(s.sum()), "sum of task " + i);
      assertEquals(Double.doubleToRawLongBits(l.gramSum()), Double.doubleToRawLongBits(s.gramSum()),
          "Gram sum of task " + i);
    }
    // distinct seeds, distinct numbers: the comparison above is not between constants
    assertEquals(20, new HashSet<>(onSpark.stream().map(Summary::sum).toList()).size());
    // the Gram matrix of 2048 standard normals sums to about trace = 2048 (sd ~ sqrt(2 * 2048 * 8))
    for (Summary s : onSpark) {
      assertTrue(Math.abs(s.gramSum() - 2048) < 6 * Math.sqrt(2 * 2048 * 8), "Gram sum " + s.gramSum());
    }
  }

  @Test
  void aTaskFailureSurfacesAsTheTasksOwnExceptionWithItsMessage() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> spark.map(seeds(6), SparkEngineTest::failOnFive));
    assertEquals("cell with seed 5 diverged", thrown.getMessage());
    // Spark's own report of the failed job rides along
    assertEquals(1, thrown.getSuppressed().length);
    assertTrue(thrown.getSuppressed()[0].getMessage().contains("cell with seed 5 diverged"),
        thrown.getSuppressed()[0].getMessage());
    // the engine is still usable after a failed job
    assertEquals(List.of(1L, 2L, 3L), spark.map(seeds(3), seed -> seed));
  }

  static Long failOnFive(Long seed) {
    if (seed == 5) {
      throw new IllegalArgumentException("cell with seed 5 diverged");
    }
    return seed;
  }

  @Test
  void aSecondEngineSharesTheRunningContextAndClosingItLeavesTheContextRunning() {
    assertEquals("spark(local[2])", spark.name());
    try (SparkEngine second = SparkEngine.local("local[3]")) {
      assertEquals("local[2]", second.master(), "the running context's master wins");
      assertEquals(List.of(2L, 4L), second.map(List.of(1L, 2L), seed -> 2 * seed));
    }
    assertEquals(List.of(3L), spark.map(List.of(1L), seed -> seed + 2));
  }

  @Test
  void anEmptyListOfTasksGivesAnEmptyList() {
    assertEquals(List.of(), spark.map(List.<Long>of(), seed -> seed));
  }

  @Test
  void badMastersAndMissingSubmitConfigurationAreReported() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> Engines.spark(" "));
    assertEquals("master must be a Spark master URL such as local[4], got ' '", blank.getMessage());
    // this JVM was not started by spark-submit, so no spark.master property is set
    IllegalStateException noMaster = assertThrows(IllegalStateException.class, Engines::sparkFromSubmit);
    assertTrue(noMaster.getMessage().startsWith("no spark.master is configured"), noMaster.getMessage());
  }

  @Test
  void withoutSparkOnTheClasspathTheFactorySaysHowToGetIt() {
    ClassLoader withoutSpark = new ClassLoader(SparkEngineTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.apache.spark.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    assertTrue(Engines.sparkAvailable(SparkEngineTest.class.getClassLoader()));
    assertTrue(!Engines.sparkAvailable(withoutSpark));
    IllegalStateException absent = assertThrows(IllegalStateException.class,
        () -> Engines.spark("local", new Class<?>[] {String.class}, new Object[] {"local[2]"}, withoutSpark));
    assertTrue(absent.getMessage().startsWith("Apache Spark 3.5 (Scala 2.13) is not on the class path: run ebm4j"
        + " with spark-submit"), absent.getMessage());
  }

  /** Started in a JVM without Spark's options: prints what starting a Spark engine throws. */
  static final class WithoutJvmOptions {
    public static void main(String[] args) {
      try (Engine engine = Engines.spark("local[1]")) {
        System.out.println("started " + engine.name());
      } catch (RuntimeException e) {
        System.out.println(e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  @Test
  void withoutTheJvmOptionsStartingSparkNamesThem() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-cp", cp, WithoutJvmOptions.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
    assertTrue(out.contains("java.lang.IllegalStateException: Spark cannot reach JDK internals: start this JVM with "
        + Engines.SPARK_JVM_OPTIONS), out);
  }

  @Test
  void theTestJvmRunsWithTheDocumentedSparkJvmOptions() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String option : Engines.SPARK_JVM_OPTIONS.split(" ")) {
      assertTrue(args.contains(option), option + " is missing from surefire's argLine");
    }
  }

  @Test
  void perTaskOverheadOfTrivialTasksOnSparkAndOnTwoThreads() {
    List<Long> tasks = seeds(100);
    List<Long> expected = tasks.stream().map(s -> s * s).toList();
    double[] sparkMs = time(spark, tasks, expected);
    double[] localMs;
    try (Engine local = LocalEngine.threads(2)) {
      localMs = time(local, tasks, expected);
    }
    System.out.printf(Locale.ROOT, "100 trivial tasks, wall time per map (median of 5 after 1 warm-up):"
        + " spark local[2] %.1f ms (%.3f ms/task), LocalEngine.threads(2) %.2f ms (%.4f ms/task)%n",
        sparkMs[2], sparkMs[2] / 100, localMs[2], localMs[2] / 100);
  }

  /** Five timed maps (sorted, in ms) after one warm-up, each checked against the expected results. */
  private static double[] time(Engine engine, List<Long> tasks, List<Long> expected) {
    assertEquals(expected, engine.map(tasks, seed -> seed * seed));
    double[] ms = new double[5];
    for (int r = 0; r < ms.length; r++) {
      long t0 = System.nanoTime();
      List<Long> out = engine.map(tasks, seed -> seed * seed);
      ms[r] = (System.nanoTime() - t0) / 1e6;
      assertEquals(expected, out);
    }
    Arrays.sort(ms);
    return ms;
  }

  @Test
  void theSparkResultTypeIsTheTasksResultType() {
    Object first = spark.map(List.of(7L), SparkEngineTest::summarize).get(0);
    Summary s = assertInstanceOf(Summary.class, first);
    assertEquals(Double.doubleToRawLongBits(summarize(7L).sum()), Double.doubleToRawLongBits(s.sum()));
  }
}
