package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Estimator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FlowPcdTest {
  private static GaussianMixture twoModes() {
    return Energies.mixture(new double[][] {{-4, 0}, {4, 0}}, new double[] {0.2, 0.8});
  }

  private static INDArray wide(int n, long seed) {
    INDArray x = Batches.zeros(n, 2);
    new Rng(seed).fillNormal(Batches.buffer(x), 2 * n);
    return x.muli(6.0);
  }

  @Test
  void gradientIsTheDataMeanMinusTheWalkerMeanOfDuDtheta() {
    GaussianMixture e = twoModes();
    INDArray data = e.sample(100, new Rng(1));
    FlowPcd m = FlowPcd.of(RealNvp.builder(2).blocks(2).hidden(8).seed(2).build(), Kernels.mala(0.05))
        .initFrom(wide(50, 3));
    Estimator est = m.start(e, data, new Rng(4));
    INDArray out = Batches.zeros(e.numParams());
    est.gradient(data, out);
    INDArray expected = Batches.zeros(e.numParams());
    e.accumulateParamGradient(data, null, 1.0 / 100, expected);
    e.accumulateParamGradient(est.chains().positions(), null, -1.0 / 50, expected);
    assertEquals(0.0, out.sub(expected).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  void walkersOfAFixedModelRebalanceToItsModeWeights() {
    GaussianMixture e = twoModes();
    FlowPcd m = FlowPcd.of(RealNvp.builder(2).blocks(4).hidden(32, 32).logScaleBound(3).seed(5).build(),
        Kernels.mala(0.05)).initFrom(wide(512, 6)).flowLearningRate(2e-3);
    Estimator est = m.start(e, e.sample(10, new Rng(7)), new Rng(8));
    for (int s = 0; s < 300; s++) {
      est.afterUpdate();
    }
    double right = 0;
    double acc = 0;
    int keep = 200;
    Map<String, Double> row = new HashMap<>();
    for (int s = 0; s < keep; s++) {
      est.afterUpdate();
      est.record(row);
      acc += row.get("imhAcceptance") / keep;
      double[] x = Batches.toArray(est.chains().positions());
      for (int i = 0; i < 512; i++) {
        right += x[2 * i] > 0 ? 1.0 / (512 * keep) : 0;
      }
    }
    assertEquals(0.8, right, 0.03, "share of the heavy mode");
    assertTrue(acc > 0.5, "IMH acceptance " + acc);
    // the cached energies are the model's at the positions
    assertEquals(0.0, e.energy(est.chains().positions()).sub(est.chains().energies()).amaxNumber().doubleValue(),
        1e-10);
  }

  @Test
  void badSettingsNameTheParameter() {
    RealNvp flow = RealNvp.builder(2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowPcd.of(flow, Kernels.ula(0.1)))
        .getMessage().contains("local kernel must leave the target invariant"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FlowPcd.of(flow, Kernels.mala(0.1)).start(twoModes(), wide(4, 1), new Rng(1))).getMessage()
        .contains("initFrom"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FlowPcd.of(flow, Kernels.mala(0.1)).flowLearningRate(-1)).getMessage()
        .contains("flowLearningRate must be positive and finite, got -1.0"));
  }
}
