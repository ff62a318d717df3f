package io.ebm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ebm4j.study.Studies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./ebm4j} launcher, run as a subprocess on what the build left in target/ (EBM4J_NO_BUILD: it never
 * starts Maven from inside a test). Skipped where bash or target/lib is absent (Windows, {@code mvn test} before
 * any {@code mvn package}).
 */
class LauncherTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = ROOT.resolve("ebm4j");

  @BeforeAll
  static void needsBashAndAPackagedBuild() {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "bash is not available");
    assumeTrue(Files.isRegularFile(LAUNCHER), "no ./ebm4j at " + LAUNCHER);
    assumeTrue(Files.isDirectory(ROOT.resolve("target/lib")), "target/lib is absent (run mvn package first)");
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().put("EBM4J_NO_BUILD", "1");
    pb.environment().remove("SPARK_HOME");
    Path out = Files.createTempFile("ebm4j-launcher", ".out");
    Path err = Files.createTempFile("ebm4j-launcher", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("./ebm4j " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void helpPrintsTheUsageOfEveryCommandAndExitsZero() throws Exception {
    Result r = launch("--help");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("usage: reproduce <experiment> [--set key=value ...]"), r.out());
    assertTrue(r.out().contains("[--engine local|spark]"), r.out());
    assertTrue(r.out().contains("\n       list\n") && r.out().contains("settings <experiment>"), r.out());
    assertTrue(r.out().contains("experiments: " + String.join(", ", Studies.names())), r.out());
  }

  @Test
  void listPrintsOneLinePerExperimentInRegistryOrder() throws Exception {
    Result r = launch("list");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    List<String> names = List.copyOf(Studies.names());
    assertEquals(names.size(), lines.size(), r.out());
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith(names.get(i) + "  -  "), lines.get(i));
    }
  }

  @Test
  void settingsPrintsEveryDefaultAndAnUnknownNameExitsTwoNamingTheKnownOnes() throws Exception {
    Result ok = launch("settings", "two-wells");
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().lines().anyMatch(l -> l.equals("steps=3000")), ok.out());
    Result bad = launch("settings", "three-wells");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("three-wells") && bad.err().contains("two-wells"), bad.err());
  }

  @Test
  void sparkEngineWithoutSparkExitsTwoSayingHowToGetSpark() throws Exception {
    assumeTrue(!Files.exists(ROOT.resolve("target/spark.classpath")), "target/spark.classpath provides Spark here");
    Result r = launch("reproduce", "two-wells", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("Spark 3.5 for Scala 2.13") && r.err().contains("SPARK_HOME")
        && r.err().contains("dependency:build-classpath"), r.err());
    assertTrue(r.out().isEmpty(), "nothing ran: " + r.out());
  }
}
