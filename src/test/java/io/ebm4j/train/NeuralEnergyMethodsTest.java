package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Mlp;
import io.ebm4j.sample.Kernels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import tech.tablesaw.api.Table;

/**
 * The core's negative phases work unchanged with neural energies: CD-k, PCD and Jarzynski (here with MALA, adapted
 * step size, and HMC) train an MLP on a Gaussian and move its energy toward the data (the mean energy of the data
 * drops relative to that of a far-away point).
 */
class NeuralEnergyMethodsTest {
  private static final INDArray DATA = Energies.gaussian(new double[] {1, -1}, new double[] {0.5, 0.5})
      .sample(2000, 1);

  private static void trainsAndStaysFinite(Method m) {
    Mlp mlp = Mlp.builder(2).hidden(16, 16).seed(2).build();
    var run = Ebm.train(Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {4, 4})))
        .on(DATA).method(m).optimizer(new Adam(1e-2)).batchSize(500).steps(150).seed(3).logEvery(50).run();
    Table h = run.history();
    assertTrue(h.rowCount() == 4, "history rows " + h.rowCount());
    INDArray probe = Batches.vector(1, -1, -3, 3).reshape(2, 2);
    INDArray u = run.model().energy(probe);
    assertTrue(u.getDouble(0) < u.getDouble(1) - 1, m.name() + ": U(data mode) " + u.getDouble(0)
        + " not below U(far point) " + u.getDouble(1));
  }

  @Test
  void contrastiveDivergence() {
    trainsAndStaysFinite(Methods.cd(Kernels.mala(0.05), 5));
  }

  @Test
  void persistentContrastiveDivergenceWithHmc() {
    trainsAndStaysFinite(Methods.pcd(Kernels.hmc(0.1, 5)).walkers(500).initFromData());
  }

  @Test
  void jarzynskiWithAdaptiveMala() {
    trainsAndStaysFinite(Methods.jarzynski(Kernels.adaptive(Kernels::mala, 0.1, 0.574, 50)).walkers(500)
        .initFrom(Energies.gaussian(new double[] {0, 0}, new double[] {4, 4}).sample(500, 4)));
  }
}
