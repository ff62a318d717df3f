package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdaptiveFlowTest {
  private static final double[][] COV = {{2.0, 0.8}, {0.8, 0.5}};
  private static final Targets.CorrelatedGaussian TARGET = new Targets.CorrelatedGaussian(new double[] {1.0, -2.0},
      COV);

  @Test
  void betaRisesOverTheAnnealingAndTheReverseWeightFallsOverItsFirstHalf() {
    RealNvp flow = RealNvp.builder(2).blocks(2).hidden(8).seed(1).build();
    AdaptiveFlow a = AdaptiveFlow.of(flow, 1e-3).reverseWeight(0.2).reverseBatch(16).anneal(0.1, 10);
    INDArray x = TARGET.sample(32, new Rng(2));
    Rng rng = new Rng(3);
    assertEquals(0.1, a.beta(), 1e-12);
    assertEquals(1.0, a.currentReverseWeight(), 1e-12);
    a.step(x, TARGET, rng);
    a.step(x, TARGET, rng);
    assertEquals(0.28, a.beta(), 1e-12);
    assertEquals(1 - 0.8 * 0.4, a.currentReverseWeight(), 1e-12);
    for (int s = 0; s < 3; s++) {
      a.step(x, TARGET, rng);
    }
    assertEquals(0.55, a.beta(), 1e-12);
    assertEquals(0.2, a.currentReverseWeight(), 1e-12);
    for (int s = 0; s < 7; s++) {
      a.step(x, TARGET, rng);
    }
    assertEquals(1.0, a.beta(), 1e-12);
    assertEquals(0.2, a.currentReverseWeight(), 1e-12);
    assertEquals(12, a.steps());
    assertEquals(16, a.evaluationsPerStep());
    assertEquals(0, AdaptiveFlow.of(flow, 1e-3).reverseWeight(0).evaluationsPerStep());
  }

  @Test
  void withoutAnnealingAStepIsTheMixedStepOfTheFlowTrainer() {
    RealNvp a = RealNvp.builder(2).blocks(2).hidden(8).seed(4).build();
    RealNvp b = a.copy();
    AdaptiveFlow ad = AdaptiveFlow.of(a, 1e-2).reverseWeight(0.3).reverseBatch(32);
    FlowTrainer t = FlowTrainer.adam(b, 1e-2).clipNorm(100);
    INDArray x = TARGET.sample(64, new Rng(5));
    for (int k = 0; k < 5; k++) {
      assertEquals(t.mixedStep(x, null, TARGET, 32, 0.3, new Rng(10 + k)), ad.step(x, TARGET, new Rng(10 + k)),
          1e-12);
    }
    assertEquals(0.0, a.params().sub(b.params()).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void theTemperedReverseTermFitsExpOfMinusBetaU() {
    // beta U of N(mu, Sigma) is exactly the energy of N(mu, Sigma / beta)
    Targets.CorrelatedGaussian wide = new Targets.CorrelatedGaussian(new double[] {1.0, -2.0},
        new double[][] {{4.0, 1.6}, {1.6, 1.0}});
    RealNvp a = RealNvp.builder(2).blocks(2).hidden(8).seed(6).build();
    RealNvp b = a.copy();
    AdaptiveFlow ad = AdaptiveFlow.of(a, 1e-2).reverseWeight(1).reverseBatch(32).anneal(0.5, 1_000_000);
    FlowTrainer t = FlowTrainer.adam(b, 1e-2).clipNorm(100);
    for (int k = 0; k < 3; k++) {
      // beta moves by 5e-7 per step: compare the first step exactly, later ones closely
      double la = ad.step(null, TARGET, new Rng(20 + k));
      double lb = t.reverseKlStep(wide, 32, new Rng(20 + k));
      assertEquals(lb, la, k == 0 ? 1e-12 : 1e-4);
    }
    assertEquals(0.0, a.params().sub(b.params()).amaxNumber().doubleValue(), 1e-5);
  }

  @Test
  void imhWithTheAnnealedAdaptiveFlowLeavesTheLightestModeAndFindsAllFour() {
    double[] w = {0.1, 0.2, 0.3, 0.4};
    IsotropicMixture target = IsotropicMixture.square(3, 0.5, w);
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(32, 32).logScaleBound(3).seed(1).build();
    AdaptiveFlow ad = AdaptiveFlow.of(flow, 2e-3).reverseWeight(0.1).reverseBatch(64).anneal(0.05, 500);
    Rng rng = new Rng(3);
    FlowImh imh = FlowKernels.imh(flow);
    Chains c = imh.init(target, target.sampleComponent(0, 256, rng));
    for (int s = 0; s < 600; s++) {
      imh.step(target, c, rng);
      ad.step(c.positions(), target, rng);
    }
    double[] visits = new double[4];
    double acc = 0;
    int keep = 300;
    for (int s = 0; s < keep; s++) {
      acc += imh.step(target, c, rng).acceptance() / keep;
      double[] sh = target.shares(c.positions());
      for (int k = 0; k < 4; k++) {
        visits[k] += sh[k] / keep;
      }
    }
    for (int k = 0; k < 4; k++) {
      assertEquals(w[k], visits[k], 0.03, "visit share of mode " + k);
    }
    assertTrue(acc > 0.2 && acc < 0.7, "IMH acceptance " + acc);
  }

  @Test
  void badSettingsNameTheParameter() {
    RealNvp flow = RealNvp.builder(2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AdaptiveFlow.of(flow, 1e-3).reverseWeight(1.5))
        .getMessage().contains("reverseWeight must be in [0, 1], got 1.5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AdaptiveFlow.of(flow, 1e-3).anneal(0, 10))
        .getMessage().contains("beta0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AdaptiveFlow.of(flow, 1e-3).reverseBatch(0))
        .getMessage().contains("reverseBatch must be at least 1, got 0"));
  }
}
