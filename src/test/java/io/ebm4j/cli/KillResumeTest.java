package io.ebm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.store.CheckpointFiles;
import io.ebm4j.testing.Tables;
import java.io.File;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Fault injection: a `reproduce` sweep in a child JVM is killed with SIGKILL at random moments, at least 20 times,
 * and started again with the same command each time. It resumes the cells it had not finished from their last
 * checkpoint, skips those it had, and ends with the summary of an uninterrupted run; no file it leaves is ever
 * truncated or damaged.
 */
@Tag("slow")
class KillResumeTest {
  private static final String[] ARGS = {"reproduce", "two-wells", "--set", "methods=pcd,jarzynski",
      "--set", "initialMasses=0.2,0.5", "--set", "steps=3000", "--set", "walkers=5000", "--set", "dataSize=5000",
      "--set", "seeds=0..2", "--threads", "1", "--checkpoint-every", "200"};

  @TempDir
  Path tmp;

  @Test
  void aSweepKilledTwentyTimesEndsWithTheUninterruptedSummary() throws Exception {
    Path whole = tmp.resolve("whole");
    assertEquals(0, Main.run(args(whole)));
    Path out = tmp.resolve("killed");
    Random random = new Random(20261201);
    int kills = 0;
    int resumedCells = 0;
    int resumedCheckpoints = 0;
    while (kills < 20) {
      long started = System.currentTimeMillis();
      Process p = child(out);
      // every fourth kill at a random moment of start-up; the others at a random moment after the child saved
      // something new (so that every run moves the sweep on)
      boolean early = kills % 4 == 3;
      if (!early && !waitForNewState(out.resolve(".state"), started, p, 300_000)) {
        break; // it finished: the outputs are checked below all the same
      }
      if (p.waitFor(early ? 200 + random.nextInt(2000) : random.nextInt(1500), TimeUnit.MILLISECONDS)) {
        break;
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed child exited");
      kills++;
      // whatever the kill interrupted, every file left behind is whole
      Path state = out.resolve(".state");
      resumedCells = Math.max(resumedCells, count(state.resolve("cells")));
      resumedCheckpoints += checkAllStateFiles(state);
    }
    Process last = child(out);
    assertTrue(last.waitFor(600, TimeUnit.SECONDS), "the last run finished");
    assertEquals(0, last.exitValue(), "the last run succeeded");
    assertTrue(kills >= 20, "killed " + kills + " times");
    assertTrue(resumedCells + resumedCheckpoints > 0, "the runs resumed from saved cells or checkpoints");
    Table a = Table.read().csv(whole.resolve("summary.csv").toFile());
    Table b = Table.read().csv(out.resolve("summary.csv").toFile());
    Tables.assertSameNumbers(a, b);
    assertFalse(Files.exists(out.resolve(".state")), "the finished run removed its state");
    try (var files = Files.list(out)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
    System.out.printf("killed %d times; %d cells and %d checkpoints seen saved between kills%n", kills, resumedCells,
        resumedCheckpoints);
  }

  private static String[] args(Path out) {
    List<String> a = new ArrayList<>(List.of(ARGS));
    a.add("--out");
    a.add(out.toString());
    return a.toArray(new String[0]);
  }

  /** Waits until a file under state is newer than since (true), or the child exits or time runs out (false). */
  private static boolean waitForNewState(Path state, long since, Process p, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end && p.isAlive()) {
      if (Files.isDirectory(state)) {
        try (var s = Files.walk(state)) {
          if (s.filter(Files::isRegularFile).anyMatch(f -> {
            try {
              return !f.getFileName().toString().endsWith(".tmp")
                  && Files.getLastModifiedTime(f).toMillis() >= since;
            } catch (java.io.IOException e) {
              return false; // replaced while we looked
            }
          })) {
            return true;
          }
        } catch (java.io.UncheckedIOException e) {
          // a file vanished during the walk (an atomic replace): look again
        }
      }
      Thread.sleep(100);
    }
    return p.isAlive();
  }

  private static int count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var s = Files.list(dir)) {
      return (int) s.filter(f -> f.toString().endsWith(".cell")).count();
    }
  }

  /** Every finished-cell file deserialises and every checkpoint verifies; returns the number of checkpoints. */
  private static int checkAllStateFiles(Path state) throws Exception {
    int checkpoints = 0;
    if (!Files.isDirectory(state)) {
      return 0;
    }
    try (var s = Files.walk(state)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith(".cell")) {
          try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(f))) {
            in.readObject();
            in.readObject();
          }
        } else if (n.equals(CheckpointFiles.FILE)) {
          assertTrue(CheckpointFiles.in(f.getParent()).latest().isPresent(), f.toString());
          checkpoints++;
        }
      }
    }
    return checkpoints;
  }

  private static Process child(Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-Xmx2g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(), Main.class.getName()));
    cmd.addAll(List.of(args(out)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling("child.log").toFile()));
    Files.createDirectories(out);
    return pb.start();
  }

  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank() && new File(e).exists()) {
        out.add(e);
      }
    }
    return String.join(File.pathSeparator, out);
  }
}
