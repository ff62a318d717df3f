package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The claims of the fully discrete Jarzynski example at its settings (2^32 Gray-coded states, bumps 0.2 / 0.8 of width
 * 0.04, 10^4 data, 1000 walkers, 1000 updates), seed 0. The study runs once; each test is one claim.
 */
@Tag("slow")
class DiscreteJarzynskiStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    DiscreteJarzynskiConfig c = DiscreteJarzynskiConfig.defaults();
    assertEquals(16, c.bits());
    assertEquals(1000, c.walkers());
    assertEquals(1000, c.steps());
    summary = new DiscreteJarzynskiStudy().run(Sweep.of(c)).summary();
  }

  private static Row row(String arm) {
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.stringColumn("arm").get(i).equals(arm)) {
        return summary.row(i);
      }
    }
    throw new AssertionError("no row for " + arm);
  }

  @Test
  void jarzynskiLearnsBothModeWeights() {
    double e = row("jarzynski").getDouble("maxWeightError");
    assertTrue(e < 0.05, "Jarzynski max |w_k - w*_k| = " + e + ", w0 = " + row("jarzynski").getDouble(
        "w0 (target 0.20)"));
  }

  @Test
  void pcdGetsTheModeWeightsWrong() {
    double e = row("pcd").getDouble("maxWeightError");
    assertTrue(e > 0.15, "PCD max |w_k - w*_k| = " + e + ", w0 = " + row("pcd").getDouble("w0 (target 0.20)"));
  }

  @Test
  void bothLearnTheModeLocations() {
    for (String arm : new String[] {"pcd", "jarzynski"}) {
      double e = row(arm).getDouble("meanError");
      assertTrue(e < 0.01, arm + ": largest distance of a learned mean to its target = " + e);
    }
  }

  @Test
  void jarzynskisLogZRatioFollowsTheGridSum() {
    double e = row("jarzynski").getDouble("logZRatioError");
    assertTrue(e < 0.3, "|Jarzynski log Z ratio - grid log Z ratio| = " + e);
  }

  @Test
  void badSettingsNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiscreteJarzynskiConfig.defaults().with("modeStd", -0.1));
    assertTrue(e.getMessage().contains("modeStd") && e.getMessage().contains("-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DiscreteJarzynskiConfig.defaults().with("methods", "cd"));
    assertTrue(e.getMessage().contains("methods"), e.getMessage());
  }
}
