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
 * ascent to a moment gap of 1e-8; 1000 Gibbs chains, rate 0.1, 2000 steps), seeds 0 to 2. The study runs once.
 */
@Tag("slow")
class BoltzmannMomentsStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    BoltzmannMomentsConfig c = BoltzmannMomentsConfig.defaults();
    assertEquals(10, c.sites());
    assertEquals(5000, c.dataSize());
    summary = new BoltzmannMomentsStudy().run(Sweep.of(c).seeds(0, 1, 2)).summary();
  }

  private static Row row(String arm, int seed) {
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.stringColumn("arm").get(i).equals(arm) && summary.intColumn("seed").get(i) == seed) {
        return summary.row(i);
      }
    }
    throw new AssertionError("no row for " + arm + " seed " + seed);
  }

  @Test
  void exactMomentMatchingConvergesToTheMaximumLikelihoodParameters() {
    for (int seed = 0; seed < 3; seed++) {
      Row r = row("exact-moments", seed);
      assertTrue(r.getDouble("momentGap") <= 1e-8, "seed " + seed + ": moment gap " + r.getDouble("momentGap"));
      assertTrue(r.getDouble("maxErrorVsMle") < 1e-5, "seed " + seed + ": max |theta - theta_MLE| = "
          + r.getDouble("maxErrorVsMle"));
      assertTrue(Math.abs(r.getDouble("llBelowMle")) < 1e-10, "seed " + seed + ": log-likelihood below the MLE's "
          + r.getDouble("llBelowMle"));
    }
  }

  @Test
  void newtonReachesTheSameEstimateInAFewSteps() {
    for (int seed = 0; seed < 3; seed++) {
      Row r = row("newton", seed);
      assertTrue(r.getDouble("momentGap") <= 1e-8, "seed " + seed + ": moment gap " + r.getDouble("momentGap"));
      assertTrue(r.getDouble("steps") <= 15, "seed " + seed + ": Newton steps " + r.getDouble("steps"));
      assertEquals(row("exact-moments", seed).getDouble("klFromData"), r.getDouble("klFromData"), 1e-9);
    }
  }

  @Test
  void gibbsMomentMatchingGetsWithinMonteCarloErrorOfTheMaximumLikelihoodParameters() {
    for (int seed = 0; seed < 3; seed++) {
      Row r = row("gibbs-moments", seed);
      // 1000 chains estimate each moment with sd <= 0.5 / sqrt(1000) = 0.016; the exact gap left is a few 1e-3. A
      // parameter error is that divided by the Fisher information's small eigenvalues: measured 0.07, 0.20, 0.10
      // (seeds 0-2), while the log-likelihood is only ~5e-4 below the maximum
      assertTrue(r.getDouble("momentGap") < 0.015, "seed " + seed + ": exact moment gap " + r.getDouble("momentGap"));
      assertTrue(r.getDouble("maxErrorVsMle") < 0.3, "seed " + seed + ": max |theta - theta_MLE| = "
          + r.getDouble("maxErrorVsMle"));
      assertTrue(r.getDouble("llBelowMle") >= 0 && r.getDouble("llBelowMle") < 1.5e-3, "seed " + seed
          + ": log-likelihood below the MLE's " + r.getDouble("llBelowMle"));
    }
  }

  @Test
  void everyFitIsCloserToTheMaximumLikelihoodEstimateThanTheTruthIs() {
    for (int seed = 0; seed < 3; seed++) {
      double truthGap = row("newton", seed).getDouble("truthLlBelowMle");
      // sampling error of the MLE: about P / (2N) = 55 / 10^4 nats
      assertTrue(truthGap > 1e-3 && truthGap < 0.02, "seed " + seed + ": truth " + truthGap + " below the MLE");
      for (String arm : BoltzmannMomentsConfig.METHODS) {
        double gap = row(arm, seed).getDouble("llBelowMle");
        assertTrue(gap < truthGap / 3, arm + " seed " + seed + ": " + gap + " below the MLE vs the truth's " + truthGap);
      }
      double mleVsTruth = row("newton", seed).getDouble("mleErrorVsTruth");
      assertTrue(row("exact-moments", seed).getDouble("maxErrorVsMle") < mleVsTruth / 100);
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
