package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Sweep;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The claims of the RBM study at the compared settings (pixels above 7, 1500 training and 297 held-out images, 100
 * hidden units, learning rate 0.05, batch 20, 30 epochs, 20 persistent walkers, AIS with 10000 distributions and 100
 * runs), seed 0, for CD-1, PCD and Jarzynski-PCD. The reference is scikit-learn's BernoulliRBM on the same protocol,
 * -21.8 nats per held-out image by the same AIS. The study runs once; each test is one claim.
 */
@Tag("slow")
class RbmDigitsStudyTest {
  private static final double SCIKIT_LEARN = -21.8;
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    RbmDigitsConfig c = RbmDigitsConfig.issue().with("methods", "cd1,pcd,jarzynski");
    assertEquals(100, c.hidden());
    assertEquals(0.05, c.learningRate());
    assertEquals(20, c.batchSize());
    assertEquals(30, c.epochs());
    assertEquals(10_000, c.aisBetas());
    assertEquals(297, RbmDigitsStudy.test(c).rows());
    summary = new RbmDigitsStudy().run(Sweep.of(c)).summary();
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
  void pcdHeldOutLogLikelihoodIsAtLeastScikitLearns() {
    double ll = row("pcd").getDouble("testLogLikelihood");
    assertTrue(ll >= SCIKIT_LEARN, "PCD held-out log-likelihood " + ll + " nats per image");
  }

  @Test
  void cdOneHeldOutLogLikelihoodIsAtLeastScikitLearns() {
    double ll = row("cd1").getDouble("testLogLikelihood");
    assertTrue(ll >= SCIKIT_LEARN, "CD-1 held-out log-likelihood " + ll + " nats per image");
  }

  @Test
  void jarzynskiPcdWithTwentyWalkersIsWithinOneNatOfScikitLearn() {
    double ll = row("jarzynski").getDouble("testLogLikelihood");
    assertTrue(ll >= SCIKIT_LEARN - 1, "Jarzynski-PCD held-out log-likelihood " + ll + " nats per image");
  }

  @Test
  void aisPinsLogZDownToAFewHundredthsOfANat() {
    for (String arm : List.of("cd1", "pcd", "jarzynski")) {
      double se = row(arm).getDouble("logZStdError");
      assertTrue(se < 0.05, arm + ": AIS standard error of log Z " + se);
    }
  }

  @Test
  void heldOutScoresAreConsistent() {
    for (String arm : List.of("cd1", "pcd", "jarzynski")) {
      Row r = row(arm);
      double ll = r.getDouble("testLogLikelihood");
      double pll = r.getDouble("testPseudoLogLikelihood");
      double train = r.getDouble("trainLogLikelihood");
      assertTrue(pll > ll, arm + ": pseudo-log-likelihood " + pll + " above log-likelihood " + ll);
      assertTrue(Math.abs(train - ll) < 1, arm + ": train " + train + " vs held-out " + ll + " (no overfitting)");
      double rec = r.getDouble("reconstructionError");
      assertTrue(rec < 0.1, arm + ": reconstruction error " + rec);
    }
  }

  @Test
  void badSettingsNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RbmDigitsConfig.defaults().with("learningRate", -0.1));
    assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains("-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RbmDigitsConfig.defaults().with("methods", "cd3"));
    assertTrue(e.getMessage().contains("methods") && e.getMessage().contains("cd3"), e.getMessage());
  }
}
