package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The claims of Grathwohl et al.'s JEM at the scale of the 8x8 digits, at the study's defaults (3000 Adam steps per
 * arm, 20 SGLD steps from a replay buffer) and seed 0. The study runs once; each test is one claim.
 */
@Tag("slow")
class JemDigitsStudyTest {
  private static Table summary;
  private static Result result;

  @BeforeAll
  static void runStudy() {
    JemDigitsConfig c = JemDigitsConfig.defaults();
    assertEquals(3000, c.steps());
    result = new JemDigitsStudy().run(Sweep.of(c));
    summary = result.summary();
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
  void jemClassifiesTheTestDigitsWithinThreePointsOfThePlainClassifier() {
    double jem = row("jem").getDouble("testAccuracy");
    double plain = row("classifier").getDouble("testAccuracy");
    assertTrue(plain > 0.93, "classifier accuracy " + plain);
    assertTrue(jem > plain - 0.03, "JEM accuracy " + jem + " vs classifier " + plain);
  }

  @Test
  void jemEnergySeparatesDigitsFromUniformNoise() {
    double auc = row("jem").getDouble("aurocNoiseEnergy");
    assertTrue(auc >= 0.9, "JEM -E(x) AUROC digits vs uniform noise " + auc);
  }

  @Test
  void jemEnergySeparatesDigitsFromInvertedDigits() {
    double auc = row("jem").getDouble("aurocInvertedEnergy");
    assertTrue(auc >= 0.9, "JEM -E(x) AUROC digits vs inverted digits " + auc);
  }

  @Test
  void everyFigureIsDrawn() {
    for (String name : new String[] {"cross-entropy", "energy-histograms", "samples-p-x", "samples-p-x-given-y",
        "test-digits"}) {
      assertTrue(result.figure(name).image().getWidth() > 100, name);
    }
  }
}
