package io.ebm4j.gebm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy step's normaliser c tends to log Z_{theta,E} = log E_B[exp(-E)], checked where Z is known in closed form:
 * base N(0, I) (an exact identity generator), data N(0, I/4), a Gaussian energy E(x) = sum_j (x_j - mu_j)^2 /
 * (2 s_j^2). Then Z = prod_j sqrt(s_j^2 / (1 + s_j^2)) exp(-mu_j^2 / (2 (1 + s_j^2))), and at the optimum
 * E + c = -log dP/dB = 3|x|^2/2 - d log 2, i.e. s^2 = 1/3, mu = 0 and c = -d log 2.
 */
class KaleNormaliserTest {
  private static final int D = 2;

  static Generator identity(int d) {
    return Generator.identity(d);
  }

  static double exactLogZ(Gaussian e) {
    double[] mu = e.mean();
    double[] s = e.std();
    double z = 0;
    for (int j = 0; j < mu.length; j++) {
      double s2 = s[j] * s[j];
      z += 0.5 * Math.log(s2 / (1 + s2)) - mu[j] * mu[j] / (2 * (1 + s2));
    }
    return z;
  }

  @Test
  void identityGeneratorIsExact() {
    Generator g = identity(3);
    INDArray u = g.latents(5, new Rng(1));
    assertEquals(0.0, g.generate(u).sub(u).amaxNumber().doubleValue(), 1e-14);
  }

  @Test
  void normaliserConvergesToLogZWithinTwoHundredths() {
    INDArray data = Batches.zeros(20_000, D);
    new Rng(5).fillNormal(Batches.buffer(data), 20_000 * D);
    data.muli(0.5);
    Gebm q = Gebm.of(Energies.gaussian(new double[] {0.3, -0.2}, new double[] {1.5, 0.8}), identity(D));
    KaleTrainer t = KaleTrainer.of(q, data).seed(3).batchSize(2000).learningRate(0.02).baseLearningRate(0)
        .betas(0.9, 0.999).energySteps(1).decay(0.5, 500);
    for (int k = 0; k < 3000; k++) {
      t.step();
    }
    Gaussian e = (Gaussian) q.energyNetwork();
    double exact = exactLogZ(e);
    assertEquals(exact, q.logZ(), 0.02, "c vs log Z of the learned energy (s = " + java.util.Arrays.toString(e.std())
        + ", mu = " + java.util.Arrays.toString(e.mean()) + ")");
    assertEquals(-D * Math.log(2), q.logZ(), 0.02, "c vs log Z at the optimum");
    assertEquals(Math.sqrt(1.0 / 3), e.std()[0], 0.02, "s_0 at the optimum");
  }
}
