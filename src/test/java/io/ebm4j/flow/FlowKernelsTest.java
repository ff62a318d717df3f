package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.StepInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each flow kernel against targets whose law is known exactly. */
class FlowKernelsTest {
  private static final double[] WEIGHTS = {0.1, 0.2, 0.3, 0.4};
  private static final Targets.FourModes MODES = new Targets.FourModes(3, 0.5, WEIGHTS);
  private static final Targets.CorrelatedGaussian GAUSS = new Targets.CorrelatedGaussian(new double[] {1.0, -2.0},
      new double[][] {{2.0, 0.8}, {0.8, 0.5}});

  /** A flow fitted by forward KL to exact samples of the four-mode mixture. */
  private static RealNvp flowFittedToModes() {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(32, 32).logScaleBound(3).seed(11).build();
    Rng data = new Rng(12);
    FlowTrainer t = FlowTrainer.adam(flow, 5e-3);
    for (int k = 0; k < 600; k++) {
      t.forwardKlStep(MODES.sample(256, data), null);
    }
    return flow;
  }

  private static double[] shares(INDArray x) {
    int n = (int) x.rows();
    double[] s = new double[4];
    double[] v = Batches.toArray(x);
    for (int i = 0; i < n; i++) {
      s[Targets.FourModes.quadrant(v[2 * i], v[2 * i + 1])] += 1.0 / n;
    }
    return s;
  }

  /** n chains in the lightest mode, (-3, -3), spread by its own sd. */
  private static INDArray inLightestMode(int n, long seed) {
    INDArray x = Batches.zeros(n, 2);
    new Rng(seed).fillNormal(Batches.buffer(x), 2 * n);
    return x.muli(0.5).subi(3.0);
  }

  @Test
  void flowImhFromTheLightestModeReachesTheModeWeights() {
    RealNvp flow = flowFittedToModes();
    FlowImh imh = FlowKernels.imh(flow);
    Chains c = imh.init(MODES, inLightestMode(2000, 13));
    Rng rng = new Rng(14);
    for (int t = 0; t < 50; t++) {
      imh.step(MODES, c, rng);
    }
    double[] avg = new double[4];
    double acc = 0;
    int keep = 150;
    for (int t = 0; t < keep; t++) {
      acc += imh.step(MODES, c, rng).acceptance() / keep;
      double[] s = shares(c.positions());
      for (int k = 0; k < 4; k++) {
        avg[k] += s[k] / keep;
      }
    }
    for (int k = 0; k < 4; k++) {
      assertEquals(WEIGHTS[k], avg[k], 0.015, "share of mode " + k);
    }
    assertTrue(acc > 0.3, "mean acceptance " + acc);
    // the cached energies are those of the positions
    assertEquals(0.0, MODES.energy(c.positions()).sub(c.energies()).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void isirRecoversTheMomentsOfACorrelatedGaussian() {
    RealNvp flow = RealNvp.builder(2).blocks(2).hidden(16).seed(21).build();
    FlowTrainer t = FlowTrainer.adam(flow, 1e-2);
    Rng data = new Rng(22);
    for (int k = 0; k < 100; k++) {
      t.forwardKlStep(GAUSS.sample(256, data), null);   // a rough fit: i-SIR corrects the rest
    }
    FlowIsir k = FlowKernels.isir(flow, 8);
    INDArray x0 = Batches.zeros(4000, 2).addi(4.0);
    Chains c = k.init(GAUSS, x0);
    Rng rng = new Rng(23);
    double[] m = new double[2];
    double[][] cov = new double[2][2];
    double acc = 0;
    int burn = 20;
    int keep = 40;
    for (int s = 0; s < burn + keep; s++) {
      StepInfo info = k.step(GAUSS, c, rng);
      if (s >= burn) {
        acc += info.acceptance() / keep;
        double[] ms = Targets.mean(c.positions());
        double[][] cs = Targets.cov(c.positions());
        for (int a = 0; a < 2; a++) {
          m[a] += ms[a] / keep;
          for (int b = 0; b < 2; b++) {
            cov[a][b] += cs[a][b] / keep;
          }
        }
      }
    }
    for (int a = 0; a < 2; a++) {
      assertEquals(GAUSS.mu[a], m[a], 0.03, "mean[" + a + "]");
      for (int b = 0; b < 2; b++) {
        assertEquals(GAUSS.cov[a][b], cov[a][b], 0.05, "cov[" + a + "][" + b + "]");
      }
    }
  }

  private static void assertGaussMoments(Kernel k, long seed, int steps, String label) {
    INDArray x0 = Batches.zeros(4000, 2);
    Chains c = k.init(GAUSS, x0);
    Rng rng = new Rng(seed);
    double[] m = new double[2];
    double[][] cov = new double[2][2];
    double acc = 0;
    int burn = steps / 2;
    int keep = steps - burn;
    for (int s = 0; s < steps; s++) {
      StepInfo info = k.step(GAUSS, c, rng);
      if (s >= burn) {
        acc += info.acceptance() / keep;
        double[] ms = Targets.mean(c.positions());
        double[][] cs = Targets.cov(c.positions());
        for (int a = 0; a < 2; a++) {
          m[a] += ms[a] / keep;
          for (int b = 0; b < 2; b++) {
            cov[a][b] += cs[a][b] / keep;
          }
        }
      }
    }
    for (int a = 0; a < 2; a++) {
      assertEquals(GAUSS.mu[a], m[a], 0.03, label + " mean[" + a + "]");
      for (int b = 0; b < 2; b++) {
        assertEquals(GAUSS.cov[a][b], cov[a][b], 0.05, label + " cov[" + a + "][" + b + "]");
      }
    }
  }

  @Test
  void neutraWithANonTrivialFlowRecoversTheMomentsOfACorrelatedGaussian() {
    RealNvp flow = RealNvpTest.randomFlow(2, 3, Activation.TANH, 0.4, 31);
    assertGaussMoments(FlowKernels.neutraHmc(flow, 0.25, 4), 32, 120, "neutraHmc");
    assertGaussMoments(FlowKernels.neutraMala(flow, 0.05), 33, 300, "neutraMala");
  }

  @Test
  void neutraWithAFittedFlowTakesLargeStepsWithHighAcceptance() {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(16, 16).seed(41).build();
    FlowTrainer t = FlowTrainer.adam(flow, 1e-2);
    Rng rng = new Rng(42);
    for (int k = 0; k < 400; k++) {
      t.reverseKlStep(GAUSS, 256, rng);
    }
    Kernel k = FlowKernels.neutraMala(flow, 0.5);
    Chains c = k.init(GAUSS, GAUSS.sample(2000, new Rng(43)));
    double acc = 0;
    for (int s = 0; s < 20; s++) {
      acc += k.step(GAUSS, c, rng).acceptance() / 20;
    }
    Chains plain = Kernels.mala(0.5).init(GAUSS, GAUSS.sample(2000, new Rng(43)));
    double accPlain = 0;
    for (int s = 0; s < 20; s++) {
      accPlain += Kernels.mala(0.5).step(GAUSS, plain, rng).acceptance() / 20;
    }
    assertTrue(acc > 0.8, "neutra acceptance at h = 0.5: " + acc);
    assertTrue(accPlain < 0.5, "plain MALA acceptance at h = 0.5: " + accPlain);
  }

  @Test
  void adaptiveGlobalLocalCorrectsWrongModeSharesAndLearnsTheFlow() {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(32, 32).logScaleBound(3).seed(51).build();
    GlobalLocal k = FlowKernels.globalLocal(flow, Kernels.mala(0.05)).localSteps(1).adaptEvery(1, 1e-2);
    // equal numbers of chains in each mode: the local kernel alone cannot move mass between modes 6 sd apart
    int n = 2000;
    INDArray x0 = Batches.zeros(n, 2);
    new Rng(52).fillNormal(Batches.buffer(x0), 2 * n);
    x0.muli(0.5);
    for (int i = 0; i < n; i++) {
      int mode = i % 4;
      x0.putScalar(i, 0, x0.getDouble(i, 0) + MODES.mx(mode));
      x0.putScalar(i, 1, x0.getDouble(i, 1) + MODES.my(mode));
    }
    Chains c = k.init(MODES, x0);
    Rng rng = new Rng(53);
    double firstGlobal = Double.NaN;
    double[] avg = new double[4];
    int burn = 150;
    int keep = 100;
    for (int s = 0; s < burn + keep; s++) {
      StepInfo info = k.step(MODES, c, rng);
      assertEquals((k.lastGlobalAcceptance() + k.lastLocalAcceptance()) / 2, info.acceptance(), 1e-12);
      if (s == 0) {
        firstGlobal = k.lastGlobalAcceptance();
      }
      if (s >= burn) {
        double[] sh = shares(c.positions());
        for (int m = 0; m < 4; m++) {
          avg[m] += sh[m] / keep;
        }
      }
    }
    for (int m = 0; m < 4; m++) {
      assertEquals(WEIGHTS[m], avg[m], 0.015, "share of mode " + m);
    }
    // the flow adapted to the target: the global moves are accepted far more often than at the start
    assertTrue(firstGlobal < 0.05, "global acceptance of the identity flow " + firstGlobal);
    assertTrue(k.lastGlobalAcceptance() > 0.25, "global acceptance after adaptation " + k.lastGlobalAcceptance());
    assertTrue(k.lastLocalAcceptance() > 0.5, "local acceptance " + k.lastLocalAcceptance());
    // the global moves keep the cached energies and gradients those of the positions
    assertEquals(0.0, MODES.energy(c.positions()).sub(c.energies()).amaxNumber().doubleValue(), 1e-12);
    assertEquals(0.0, MODES.gradX(c.positions()).sub(c.gradients()).amaxNumber().doubleValue(), 1e-12);
    // E_rho[-log q] is about 11.1 for the initial (identity) flow and at least the target's entropy, 2.73
    double ce = flow.forwardKl(MODES.sample(20_000, new Rng(54)), null, null);
    assertTrue(ce < 4.0, "cross-entropy of the adapted flow " + ce);
  }

  @Test
  void sameSeedSameChainsAndFreshKernelsAdaptTheirOwnFlow() {
    RealNvp flow = RealNvpTest.randomFlow(2, 2, Activation.TANH, 0.3, 61);
    INDArray before = flow.params().dup();
    for (Kernel k : new Kernel[] {FlowKernels.imh(flow), FlowKernels.isir(flow, 3), FlowKernels.neutraMala(flow, 0.1),
        FlowKernels.neutraHmc(flow, 0.2, 3), FlowKernels.globalLocal(flow, Kernels.mala(0.1)).isir(4),
        FlowKernels.globalLocal(flow, Kernels.mala(0.1)).adaptEvery(1, 1e-2)}) {
      INDArray[] out = new INDArray[2];
      for (int r = 0; r < 2; r++) {
        Kernel run = k.fresh();
        Chains c = run.init(GAUSS, Batches.zeros(3000, 2));
        Rng rng = new Rng(62);
        for (int s = 0; s < 3; s++) {
          run.step(GAUSS, c, rng);
        }
        out[r] = c.positions().dup();
      }
      assertEquals(0.0, out[0].sub(out[1]).amaxNumber().doubleValue(), 0.0, k.name());
    }
    assertEquals(0.0, flow.params().sub(before).amaxNumber().doubleValue(), 0.0, "fresh() adapted the caller's flow");
  }

  @Test
  void transportWithFlowImhGivesJarzynskiWeightsOfTheExactNormalizerRatio() {
    // rho_0 = N(0, I) to rho_1 = N((0.5, 0.5), 0.8^2 I) in 2-D: E_0[e^{U_0 - U_1}] = Z_1 / Z_0 = 0.8^2 (the weights
    // have finite variance because rho_1 is narrower than rho_0)
    io.ebm4j.energy.Energy u0 = Energies.gaussian(new double[] {0, 0}, new double[] {1, 1});
    io.ebm4j.energy.Energy u1 = Energies.gaussian(new double[] {0.5, 0.5}, new double[] {0.8, 0.8});
    RealNvp flow = RealNvp.builder(2).blocks(2).hidden(8).seed(71).build();
    FlowImh k = FlowKernels.imh(flow);
    INDArray x0 = Batches.zeros(20_000, 2);
    new Rng(72).fillNormal(Batches.buffer(x0), 40_000);
    Chains c = k.init(u0, x0);
    k.transport(u1, c, new Rng(73));
    assertEquals(2 * Math.log(0.8), c.logMeanWeight(), 0.02);
    INDArray w = Batches.zeros(20_000);
    c.normalizedWeights(w);
    double m0 = w.mul(c.positions().getColumn(0)).sumNumber().doubleValue();
    assertEquals(0.5, m0, 0.05, "weighted mean");
    assertEquals(0.0, u1.energy(c.positions()).sub(c.energies()).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void badUseIsRejected() {
    RealNvp flow = RealNvp.builder(2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowKernels.isir(flow, 0)).getMessage()
        .contains("proposals"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowKernels.neutraMala(flow, -1)).getMessage()
        .contains("stepSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowKernels.neutraHmc(flow, 0.1, 0)).getMessage()
        .contains("leapfrogSteps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowKernels.imh(null)).getMessage()
        .contains("flow"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FlowKernels.globalLocal(flow, Kernels.ula(0.1))).getMessage().contains("local kernel"));
    Chains c3 = FlowKernels.imh(flow).init(Energies.standardNormal(3), Batches.zeros(5, 3));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FlowKernels.imh(flow).step(Energies.standardNormal(3), c3, new Rng(1))).getMessage()
        .contains("dimension"));
    Chains noGrad = Chains.of(Batches.zeros(5, 2), 2, false);
    noGrad.refresh(GAUSS);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FlowKernels.neutraMala(flow, 0.1).step(GAUSS, noGrad, new Rng(1))).getMessage()
        .contains("gradients"));
  }
}
