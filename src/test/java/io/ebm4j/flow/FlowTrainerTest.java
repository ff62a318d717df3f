package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training a flow by forward and reverse KL reaches the known optimum q = rho on Gaussian targets. */
class FlowTrainerTest {
  private static final Targets.CorrelatedGaussian TARGET = new Targets.CorrelatedGaussian(new double[] {1.0, -2.0},
      new double[][] {{2.0, 0.8}, {0.8, 0.5}});

  /** Entropy of the target, the minimum of E_rho[-log q] over q. */
  private static double entropy() {
    return TARGET.logZ() + 0.5 * TARGET.dim();
  }

  private static void assertMoments(INDArray x, double tolMean, double tolCov) {
    double[] m = Targets.mean(x);
    double[][] c = Targets.cov(x);
    for (int a = 0; a < 2; a++) {
      assertEquals(TARGET.mu[a], m[a], tolMean, "mean[" + a + "]");
      for (int b = 0; b < 2; b++) {
        assertEquals(TARGET.cov[a][b], c[a][b], tolCov, "cov[" + a + "][" + b + "]");
      }
    }
  }

  @Test
  void forwardKlFitsAGaussianFromItsSamples() {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(16, 16).seed(1).build();
    Rng data = new Rng(2);
    FlowTrainer t = FlowTrainer.adam(flow, 1e-2);
    for (int k = 0; k < 500; k++) {
      t.forwardKlStep(TARGET.sample(256, data), null);
    }
    FlowTrainer fine = FlowTrainer.adam(flow, 1e-3);   // a smaller step to settle
    for (int k = 0; k < 300; k++) {
      fine.forwardKlStep(TARGET.sample(1024, data), null);
    }
    INDArray fresh = TARGET.sample(20_000, new Rng(3));
    double crossEntropy = flow.forwardKl(fresh, null, null);
    // E_rho[-log q] = H(rho) + KL(rho || q)
    assertEquals(entropy(), crossEntropy, 0.01, "KL(rho || q) = " + (crossEntropy - entropy()));
    assertMoments(flow.sample(20_000, new Rng(4)).x(), 0.05, 0.06);
    assertEquals(500, t.steps());
  }

  @Test
  void reverseKlFitsAGaussianFromItsEnergy() {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(16, 16).seed(5).build();
    Rng rng = new Rng(6);
    FlowTrainer t = FlowTrainer.adam(flow, 1e-2);
    for (int k = 0; k < 500; k++) {
      t.reverseKlStep(TARGET, 256, rng);
    }
    FlowTrainer fine = FlowTrainer.adam(flow, 1e-3);
    for (int k = 0; k < 300; k++) {
      fine.reverseKlStep(TARGET, 1024, rng);
    }
    // E_q[log q + U] = KL(q || rho) - log Z >= -log Z, with equality at q = rho
    RealNvp.Draws s = flow.sample(20_000, new Rng(7));
    double loss = s.logDensity().add(TARGET.energy(s.x())).meanNumber().doubleValue();
    assertEquals(-TARGET.logZ(), loss, 0.01, "KL(q || rho) = " + (loss + TARGET.logZ()));
    assertMoments(s.x(), 0.05, 0.06);
  }

  @Test
  void mixedObjectiveWithLambdaZeroIsTheForwardKl() {
    RealNvp a = RealNvpTest.randomFlow(2, 2, io.ebm4j.nn.Activation.TANH, 0.3, 8);
    RealNvp b = a.copy();
    FlowTrainer ta = FlowTrainer.adam(a, 1e-2);
    FlowTrainer tb = FlowTrainer.adam(b, 1e-2);
    INDArray x = TARGET.sample(64, new Rng(9));
    for (int k = 0; k < 5; k++) {
      double la = ta.forwardKlStep(x, null);
      double lb = tb.mixedStep(x, null, TARGET, 32, 0.0, new Rng(k));
      assertEquals(la, lb, 1e-12);
    }
    assertEquals(0.0, a.params().sub(b.params()).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void mixedObjectiveWithLambdaOneIsTheReverseKl() {
    RealNvp a = RealNvpTest.randomFlow(2, 2, io.ebm4j.nn.Activation.TANH, 0.3, 10);
    RealNvp b = a.copy();
    FlowTrainer ta = FlowTrainer.adam(a, 1e-2);
    FlowTrainer tb = FlowTrainer.adam(b, 1e-2);
    INDArray x = TARGET.sample(64, new Rng(11));
    for (int k = 0; k < 5; k++) {
      double la = ta.reverseKlStep(TARGET, 32, new Rng(100 + k));
      double lb = tb.mixedStep(x, null, TARGET, 32, 1.0, new Rng(100 + k));
      assertEquals(la, lb, 1e-12);
    }
    assertEquals(0.0, a.params().sub(b.params()).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void badSettingsAreRejected() {
    RealNvp flow = RealNvp.builder(2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowTrainer.adam(flow, 0)).getMessage()
        .contains("learningRate"));
    FlowTrainer t = FlowTrainer.adam(flow, 1e-3);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.reverseKlStep(TARGET, 0, new Rng(1)))
        .getMessage().contains("batchSize"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> t.mixedStep(TARGET.sample(4, new Rng(1)), null, TARGET, 4, 1.5, new Rng(1))).getMessage()
        .contains("lambda"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.clipNorm(-1)).getMessage()
        .contains("clipNorm"));
  }
}
