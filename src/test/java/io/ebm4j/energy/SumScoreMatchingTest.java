package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The score-matching methods train a neural energy plus a fixed confining Gaussian, the model of the mlp-2d study, as
 * it is: on data N(0, diag(1, 1/4)) the score of the whole sum approaches the data's, grad U = (x_0, 4 x_1) (for
 * denoising at sigma, that of the smoothed data, (x_0 / (1 + sigma^2), x_1 / (1/4 + sigma^2))).
 */
class SumScoreMatchingTest {
  private static final INDArray DATA = Energies.gaussian(new double[] {0, 0}, new double[] {1, 0.5}).sample(4000, 1);

  /** Relative squared error over the data of the trained sum's score against the expected one. */
  private static double scoreError(Method m, double v0, double v1) {
    Mlp mlp = Mlp.builder(2).hidden(16, 16).activation(Activation.SILU).seed(3).build();
    SumEnergy model = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {4, 4}));
    Run run = Ebm.train(model).on(DATA).method(m).optimizer(new Adam(5e-3)).steps(500).batchSize(500).seed(4)
        .logEvery(500).run();
    return relativeError(run.model(), v0, v1);
  }

  private static double relativeError(Energy e, double v0, double v1) {
    double[] x = Batches.toArray(DATA);
    double[] g = Batches.toArray(e.gradX(DATA));
    double num = 0;
    double den = 0;
    for (int i = 0; i < DATA.rows(); i++) {
      double t0 = x[2 * i] / v0;
      double t1 = x[2 * i + 1] / v1;
      num += (g[2 * i] - t0) * (g[2 * i] - t0) + (g[2 * i + 1] - t1) * (g[2 * i + 1] - t1);
      den += t0 * t0 + t1 * t1;
    }
    return num / den;
  }

  /** The same error for the untrained sum (1.93 here), so that each test below measures what training did. */
  private static double untrainedError() {
    Mlp mlp = Mlp.builder(2).hidden(16, 16).activation(Activation.SILU).seed(3).build();
    return relativeError(Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {4, 4})), 1, 0.25);
  }

  @Test
  void untrainedSumIsFarFromTheDataScore() {
    double e = untrainedError();
    assertTrue(e > 0.5, "relative score error " + e);
  }

  @Test
  void exactScoreMatchingTrainsMlpPlusGaussian() {
    double e = scoreError(Methods.scoreMatching(), 1, 0.25);
    assertTrue(e < 0.05, "relative score error " + e);
  }

  @Test
  void slicedScoreMatchingTrainsMlpPlusGaussian() {
    double e = scoreError(Methods.slicedScoreMatching(1), 1, 0.25);
    assertTrue(e < 0.05, "relative score error " + e);
  }

  @Test
  void denoisingScoreMatchingTrainsMlpPlusGaussian() {
    double s2 = 0.3 * 0.3;
    double e = scoreError(Methods.denoisingScoreMatching(0.3), 1 + s2, 0.25 + s2);
    assertTrue(e < 0.05, "relative score error " + e);
  }
}
