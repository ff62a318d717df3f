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
 * The claims of the exponential-family study at its defaults (n = 10 units, 55 parameters, 5000 exact draws; exact
 * ascent to a moment gap of 1e-8; 1000 Gibbs chains, rate 0.1, 2000 steps), seed 0. The study runs once.
 */
@Tag("slow")
class BoltzmannMomentsStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    BoltzmannMomentsConfig c = BoltzmannMomentsConfig.defaults();
    assertEquals(10, c.sites());
    assertEquals(5000, c.dataSize());
    summary = new BoltzmannMomentsStudy().run(Sweep.of(c)).summary();
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
  void exactMomentMatchingConvergesToTheMaximumLikelihoodParameters() {
    Row r = row("exact-moments");
    assertTrue(r.getDouble("momentGap") <= 1e-8, "moment gap " + r.getDouble("momentGap"));
    assertTrue(r.getDouble("maxErrorVsMle") < 1e-5, "max |theta - theta_MLE| = " + r.getDouble("maxErrorVsMle"));
    assertTrue(Math.abs(r.getDouble("llBelowMle")) < 1e-10, "log-likelihood below the MLE's: "
        + r.getDouble("llBelowMle"));
  }

  @Test
  void newtonReachesTheSameEstimateInAFewSteps() {
    Row r = row("newton");
    assertTrue(r.getDouble("momentGap") <= 1e-8, "moment gap " + r.getDouble("momentGap"));
    assertTrue(r.getDouble("steps") <= 15, "Newton steps " + r.getDouble("steps"));
    assertEquals(row("exact-moments").getDouble("klFromData"), r.getDouble("klFromData"), 1e-9);
  }

  @Test
  void gibbsMomentMatchingGetsWithinMonteCarloErrorOfTheMaximumLikelihoodParameters() {
    Row r = row("gibbs-moments");
    // 1000 chains give moment estimates with sd about 0.5 / sqrt(1000) = 0.016; at rate 0.1 the parameters fluctuate
    // by a few hundredths around theta_MLE, and the largest of 55 deviations is measured at 0.07
    assertTrue(r.getDouble("maxErrorVsMle") < 0.15, "max |theta - theta_MLE| = " + r.getDouble("maxErrorVsMle"));
    assertTrue(r.getDouble("momentGap") < 0.02, "exact moment gap " + r.getDouble("momentGap"));
    assertTrue(r.getDouble("llBelowMle") >= 0 && r.getDouble("llBelowMle") < 2e-3, "log-likelihood below the MLE's: "
        + r.getDouble("llBelowMle"));
  }

  @Test
  void everyFitIsCloserToTheMaximumLikelihoodEstimateThanThatIsToTheTruth() {
    double mleVsTruth = row("newton").getDouble("mleErrorVsTruth");
    for (String arm : BoltzmannMomentsConfig.METHODS) {
      assertTrue(row(arm).getDouble("maxErrorVsMle") < mleVsTruth, arm + ": " + row(arm).getDouble("maxErrorVsMle")
          + " vs the MLE's own error " + mleVsTruth);
    }
  }

  @Test
  void badSettingsAreRejectedNamingThem() {
    BoltzmannMomentsConfig c = BoltzmannMomentsConfig.defaults();
    Exception e = assertThrows(IllegalArgumentException.class, () -> c.with("sites", 17));
    assertTrue(e.getMessage().contains("sites") && e.getMessage().contains("17"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.with("gibbsLearningRate", -0.1));
    assertTrue(e.getMessage().contains("gibbsLearningRate") && e.getMessage().contains("-0.1"), e.getMessage());
  }
}
