package io.ebm4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.experiment.TwoWellsStudy;
import io.ebm4j.show.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results: typed access that never returns a silent null, merging, comparison charts and atomic, readable files. */
class ResultTest {
  private static Result exact;
  private static Result jarzynski;

  @BeforeAll
  static void twoSmallRuns() {
    TwoWellsConfig c = TwoWellsConfig.defaults().with("steps", 30).with("walkers", 300).with("dataSize", 300);
    exact = new TwoWellsStudy().run(Sweep.of(c.with("methods", "exact")).seeds(0, 1));
    jarzynski = new TwoWellsStudy().run(Sweep.of(c.with("methods", "jarzynski,pcd")).seeds(0, 1));
  }

  @Test
  void unknownFiguresAndTablesFailNamingTheKnownOnes() {
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> exact.figure("mass-of-b"));
    assertTrue(f.getMessage().contains("mass-of-b-q0-0.5"), f.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> exact.table("nope"));
    assertTrue(t.getMessage().contains("exact-q0-0.5-seed0"), t.getMessage());
    Figure fig = exact.figure("mass-of-b-q0-0.5");
    assertTrue(fig.isChart());
    assertTrue(fig.xy().getTitle().contains("q0 = 0.5"));
  }

  @Test
  void mergedResultsStackSummariesWithAStudyColumn() {
    Result m = exact.merge(jarzynski);
    assertEquals(exact.summary().rowCount() + jarzynski.summary().rowCount(), m.summary().rowCount());
    assertEquals("study", m.summary().columnNames().get(0));
    assertEquals("two-wells#1", m.summary().stringColumn("study").get(0));
    assertTrue(m.summary().doubleColumn("minEssFraction").isMissing(0) || Double.isNaN(m.summary()
        .doubleColumn("minEssFraction").get(0)));
    assertTrue(m.figureNames().contains("two-wells#2/jarzynski-ess"), m.figureNames().toString());
    Figure cmp = Result.compare("massOfB", List.of(exact, jarzynski));
    assertTrue(cmp.isChart());
    assertThrows(IllegalArgumentException.class, () -> Result.compare("nope", List.of(exact)));
  }

  @Test
  void savingWritesEveryFileAtomicallyAndReadable(@TempDir Path dir) throws Exception {
    List<Path> files = jarzynski.save(dir);
    assertTrue(files.contains(dir.resolve("summary.csv").toAbsolutePath()));
    assertTrue(Files.exists(dir.resolve("aggregate.csv")));
    assertTrue(Files.readString(dir.resolve("report.md")).contains("![jarzynski-ess.png](jarzynski-ess.png)"));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("summary.csv"))));
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")));
    }
  }
}
