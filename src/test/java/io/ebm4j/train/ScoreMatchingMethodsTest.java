package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Mlp;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Score matching of a neural energy against a known optimum: on Gaussian data N(0, diag(1, 1/4)) exact and sliced
 * score matching learn the data's score grad U = (x_0, 4 x_1); denoising score matching at sigma learns the score
 * of the smoothed data, (x_0 / (1 + sigma^2), x_1 / (1/4 + sigma^2)).
 */
class ScoreMatchingMethodsTest {
  private static final INDArray DATA = Energies.gaussian(new double[] {0, 0}, new double[] {1, 0.5}).sample(10_000, 1);

  /** Relative squared error of the learned score against the expected one, over the data. */
  private static double scoreError(Method m, double v0, double v1) {
    Mlp mlp = Mlp.builder(2).hidden(32, 32).dtype(DataType.DOUBLE).seed(3).build();
    var run = Ebm.train(mlp).on(DATA).method(m).optimizer(new Adam(3e-3)).steps(1500).batchSize(1000).seed(4)
        .logEvery(500).run();
    INDArray g = run.model().gradX(DATA);
    double num = 0;
    double den = 0;
    double[] x = Batches.toArray(DATA);
    double[] gv = Batches.toArray(g);
    for (int i = 0; i < DATA.rows(); i++) {
      double t0 = x[2 * i] / v0;
      double t1 = x[2 * i + 1] / v1;
      num += (gv[2 * i] - t0) * (gv[2 * i] - t0) + (gv[2 * i + 1] - t1) * (gv[2 * i + 1] - t1);
      den += t0 * t0 + t1 * t1;
    }
    return num / den;
  }

  @Test
  void exactScoreMatchingLearnsTheDataScore() {
    double e = scoreError(Methods.scoreMatching(), 1, 0.25);
    assertTrue(e < 0.05, "relative score error " + e);
  }

  @Test
  void slicedScoreMatchingLearnsTheDataScore() {
    double e = scoreError(Methods.slicedScoreMatching(1), 1, 0.25);
    assertTrue(e < 0.05, "relative score error " + e);
  }

  @Test
  void denoisingScoreMatchingLearnsTheSmoothedScore() {
    double s2 = 0.3 * 0.3;
    double e = scoreError(Methods.denoisingScoreMatching(0.3), 1 + s2, 0.25 + s2);
    assertTrue(e < 0.05, "relative score error " + e);
  }

  @Test
  void methodsNameWhatTheEnergyLacks() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.mixture(new double[][] {{0, 0}}, new double[] {1})).on(DATA)
            .method(Methods.slicedScoreMatching(1)).steps(1).run());
    assertTrue(e.getMessage().contains("SlicedScoreMatchable") && e.getMessage().contains("GaussianMixture"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Methods.denoisingScoreMatching(0));
    assertThrows(IllegalArgumentException.class, () -> Methods.slicedScoreMatching(0));
  }
}
