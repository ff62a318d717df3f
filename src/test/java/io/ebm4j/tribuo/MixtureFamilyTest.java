package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** EM recovers a known mixture: 20000 exact draws of four separated isotropic Gaussians with unequal weights. */
class MixtureFamilyTest {
  private static final double[][] MEANS = {{4, 0}, {-4, 0}, {0, 4}, {0, -4}};
  private static final double[] WEIGHTS = {0.1, 0.2, 0.3, 0.4};

  @Test
  void emRecoversTheMeansAndWeightsOfASeparatedMixture() {
    IsotropicMixture truth = IsotropicMixture.of(MEANS, WEIGHTS, 0.5);
    INDArray x = truth.sample(20_000, new Rng(11));
    FittedMixture fit = (FittedMixture) new MixtureFamily().components(4).iterations(200).fit(x, 5);
    Scaling s = Scaling.standard(x);
    // map the fitted means back to data units through the standardisation: x = shift + scale * z
    INDArray zeros = io.ebm4j.nd.Batches.zeros(1, 2);
    INDArray ones = io.ebm4j.nd.Batches.zeros(1, 2).addi(1);
    double[] shift = new double[2];
    double[] scale = new double[2];
    for (int j = 0; j < 2; j++) {
      double z0 = s.apply(zeros).getDouble(0, j); // (0 - shift) / scale
      double z1 = s.apply(ones).getDouble(0, j); // (1 - shift) / scale
      scale[j] = 1 / (z1 - z0);
      shift[j] = -z0 * scale[j];
    }
    double[][] m = fit.energy().means();
    double[] w = fit.energy().weights();
    for (int k = 0; k < 4; k++) {
      int best = -1;
      double bd = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        double dx = shift[0] + scale[0] * m[c][0] - MEANS[k][0];
        double dy = shift[1] + scale[1] * m[c][1] - MEANS[k][1];
        if (dx * dx + dy * dy < bd) {
          bd = dx * dx + dy * dy;
          best = c;
        }
      }
      assertTrue(Math.sqrt(bd) < 0.05, "mean " + k + " recovered within 0.05, off by " + Math.sqrt(bd));
      // weight standard error sqrt(w(1-w)/n) <= 0.0035
      assertEquals(WEIGHTS[k], w[best], 0.015, "weight of component " + k);
    }
  }

  @Test
  void moreComponentsThanRowsThrowsNamingTheSetting() {
    INDArray x = IsotropicMixture.of(MEANS, WEIGHTS, 0.5).sample(3, new Rng(1));
    assertEquals("components must be at most the number of training rows (3), got 4",
        assertThrows(IllegalArgumentException.class, () -> new MixtureFamily().components(4).fit(x, 1))
            .getMessage());
  }
}
