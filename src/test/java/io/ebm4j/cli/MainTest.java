package io.ebm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path out;

  @Test
  void reproduceWritesFiguresTablesSummaryAndReport() throws Exception {
    int rc = Main.run(new String[] {"reproduce", "two-wells", "--set", "steps=50", "--set", "walkers=500",
        "--set", "dataSize=500", "--set", "methods=exact,pcd,jarzynski", "--out", out.toString()});
    assertEquals(0, rc);
    for (String f : List.of("summary.csv", "aggregate.csv", "report.md", "mass-of-b-q0-0.5.png", "mass-of-b-q0-0.2.png",
        "walkers-q0-0.2.png", "jarzynski-ess.png", "jarzynski-logz-error.png",
        "history-jarzynski-q0-0.2-seed0.csv")) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(1 + 3 * 2, summary.size());
    assertTrue(summary.get(0).startsWith("arm,q0,seed,massOfB,qData"), summary.get(0));
    byte[] png = Files.readAllBytes(out.resolve("jarzynski-ess.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
    }
  }

  @Test
  void unknownSettingsAndValuesAreNamed() {
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--set", "stepsize=0.1"}));
    assertTrue(e1.getMessage().contains("stepsize") && e1.getMessage().contains("stepSize"), e1.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--set", "steps=many"}));
    assertTrue(e2.getMessage().contains("steps") && e2.getMessage().contains("many"), e2.getMessage());
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--set", "stepSize=0"}));
    assertTrue(e3.getMessage().contains("stepSize") && e3.getMessage().contains("0.0"), e3.getMessage());
    IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "three-wells"}));
    assertTrue(e4.getMessage().contains("three-wells") && e4.getMessage().contains("two-wells"), e4.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Main.run(new String[] {"reproduce", "two-wells", "--bogus"}));
  }

  @Test
  void aSweepOverASettingAndSeedsIsOneCommandWithOneRowPerCell() throws Exception {
    int rc = Main.run(new String[] {"reproduce", "two-wells", "--set", "steps=20", "--set", "walkers=200,400",
        "--set", "dataSize=300", "--set", "methods=exact,jarzynski", "--set", "initialMasses=0.2",
        "--set", "seeds=0..2", "--threads", "2", "--out", out.toString()});
    assertEquals(0, rc);
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(1 + 2 * 3 * 2, summary.size());
    assertTrue(summary.get(0).startsWith("walkers,arm,q0,seed,"), summary.get(0));
    List<String> agg = Files.readAllLines(out.resolve("aggregate.csv"));
    assertEquals(1 + 2 * 2, agg.size());
    assertTrue(agg.get(0).contains("massOfB_mean,massOfB_sd,massOfB_min,massOfB_max"), agg.get(0));
    assertTrue(Files.exists(out.resolve("mass-of-b-q0-0.2-walkers-400.png")));
  }

  @Test
  void badEngineOptionsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--engine", "mpi"}));
    assertTrue(e.getMessage().contains("mpi"), e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--threads", "0"}));
    assertTrue(t.getMessage().contains("threads") && t.getMessage().contains("0"), t.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--checkpoint-seconds", "soon"}));
    assertTrue(c.getMessage().contains("--checkpoint-seconds") && c.getMessage().contains("soon"), c.getMessage());
    IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
        () -> Main.run(new String[] {"reproduce", "two-wells", "--checkpoint-seconds", "-1"}));
    assertTrue(z.getMessage().contains("checkpoint seconds") && z.getMessage().contains("-1"), z.getMessage());
  }

  @Test
  void listsSettingsWithDefaults() {
    assertEquals(0, Main.run(new String[] {"settings", "two-wells"}));
    assertEquals(0, Main.run(new String[] {"list"}));
  }
}
