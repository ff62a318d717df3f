package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The public state API of chains: reweighting, accepting a proposal, and live buffers. */
class ChainsTest {
  @Test
  void reweightAddsTheOldMinusTheNewEnergyAndRefreshesTheCaches() {
    Gaussian e = Energies.gaussian(new double[] {0, 0}, new double[] {1, 1});
    INDArray x = e.sample(50, new Rng(1));
    Chains c = Kernels.mala(0.1).init(e, x);
    double[] old = Batches.toArray(e.energy(x));
    e.params().putScalar(0, 0.7);
    e.params().putScalar(3, Math.log(2.0));
    c.reweight(e);
    double[] now = Batches.toArray(e.energy(x));
    double[] grad = Batches.toArray(e.gradX(x));
    for (int i = 0; i < 50; i++) {
      assertEquals(old[i] - now[i], c.logWeights().getDouble(i), 1e-14);
      assertEquals(now[i], c.energies().getDouble(i), 0.0);
      assertEquals(grad[2 * i + 1], c.gradients().getDouble(i, 1), 0.0);
    }
    c.reweight(e); // no change of parameters: no change of weights
    assertEquals(old[7] - now[7], c.logWeights().getDouble(7), 1e-14);
  }

  @Test
  void acceptCopiesOneRowOfTheProposalAndLeavesTheOthers() {
    Gaussian e = Energies.standardNormal(2);
    Chains c = Kernels.mala(0.1).init(e, Batches.zeros(3, 2));
    INDArray y = Batches.zeros(3, 2).addi(4.0);
    INDArray uy = e.energy(y);
    INDArray gy = e.gradX(y);
    c.accept(1, Batches.buffer(y), Batches.buffer(uy), Batches.buffer(gy));
    assertEquals(4.0, c.positions().getDouble(1, 0), 0.0);
    assertEquals(16.0, c.energies().getDouble(1), 0.0);
    assertEquals(4.0, c.gradients().getDouble(1, 1), 0.0);
    assertEquals(0.0, c.positions().getDouble(0, 0), 0.0);
    assertEquals(0.0, c.energies().getDouble(2), 0.0);
  }

  @Test
  void buffersAreLiveViewsOfTheArrays() {
    Chains c = Chains.of(Batches.zeros(4, 3), 3, false);
    DoubleBuffer xb = c.positionBuffer();
    xb.put(2 * 3 + 1, 5.0);
    assertEquals(5.0, c.positions().getDouble(2, 1), 0.0);
    c.logWeightBuffer().put(3, -1.0);
    assertEquals(-1.0, c.logWeights().getDouble(3), 0.0);
    c.energyBuffer().put(0, 2.0);
    assertEquals(2.0, c.energies().getDouble(0), 0.0);
    assertSame(null, c.gradientBuffer());
  }
}
