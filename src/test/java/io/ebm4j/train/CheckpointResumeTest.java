package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.sample.Kernels;
import io.ebm4j.store.CheckpointFiles;
import io.ebm4j.store.StoreException;
import io.ebm4j.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Checkpoints hold a run's whole state: a run interrupted at any step and resumed from its last checkpoint ends
 * with exactly the history, parameters and walkers of the uninterrupted run.
 */
class CheckpointResumeTest {
  @TempDir
  Path dir;

  /** A listener that simulates a crash at a given step (stateless, so it may be swapped on resume). */
  private static <E extends TrainableEnergy> StepListener<E> crashAt(int step) {
    return (k, m, est, row) -> {
      if (k == step) {
        throw new IllegalStateException("simulated crash at step " + step);
      }
    };
  }

  private static <E extends TrainableEnergy> void assertSameRun(Run<E> a, Run<E> b) {
    Tables.assertSameNumbers(a.history().copy().removeColumns("seconds"), b.history().copy().removeColumns("seconds"));
    assertArrayEquals(Batches.toArray(a.model().params().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)),
        Batches.toArray(b.model().params().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
    if (a.walkers() != null) {
      assertArrayEquals(Batches.toArray(a.walkers().positions()), Batches.toArray(b.walkers().positions()));
      assertArrayEquals(Batches.toArray(a.walkers().logWeights()), Batches.toArray(b.walkers().logWeights()));
    }
  }

  private <E extends TrainableEnergy> void resumesExactly(Function<StepListener<E>, Training<E>> training,
      int crash, int every) {
    Run<E> whole = training.apply((k, m, est, row) -> { }).run();
    CheckpointFiles store = CheckpointFiles.in(dir.resolve("ckpt-" + crash));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> training.apply(crashAt(crash)).checkpoints(store).checkpointEvery(every).run());
    assertTrue(e.getMessage().contains("simulated crash"), e.getMessage());
    assertEquals((crash / every) * every, store.latest().orElseThrow().step());
    Run<E> resumed = training.apply((k, m, est, row) -> { }).checkpoints(store).checkpointEvery(every)
        .resumeFrom(store).run();
    assertSameRun(whole, resumed);
  }

  private static final INDArray DATA = Energies.twoWells(-10, 10).withMassOfB(0.8).sample(2000, 3);

  @Test
  void aJarzynskiRunOnTheTwoWellsResumesToTheSameHistory() {
    this.<TwoWells>resumesExactly(l -> Ebm.train(Energies.twoWells(-10, 10).withMassOfB(0.2)).on(DATA)
        .method(Methods.jarzynski(Kernels.ula(0.1)).walkers(2000).resampleBelowEss(0.6))
        .optimizer(new Sgd(0.05)).steps(300).seed(11).track("massOfB", TwoWells::massOfB).listen(l), 257, 50);
  }

  @Test
  void aNeuralPcdRunWithAdamMinibatchesAndAnAdaptiveKernelResumesToTheSameHistory() {
    INDArray data = Energies.mixture(new double[][] {{-2, 0}, {2, 0}}, new double[] {0.3, 0.7}).sample(1000, 5);
    this.<SumEnergy>resumesExactly(l -> {
      Mlp mlp = Mlp.builder(2).hidden(16, 16).activation(Activation.SILU).seed(4).build();
      SumEnergy model = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {4, 4}));
      return Ebm.train(model).on(data)
          .method(Methods.pcd(Kernels.adaptive(Kernels::mala, 0.1, 0.6, 30)).walkers(256).initFromData())
          .optimizer(new Adam(1e-3)).batchSize(128).steps(80).seed(2).logEvery(5).listen(l);
    }, 61, 20);
  }

  @Test
  void aFlowMcmcRunWithItsAdaptiveFlowResumesToTheSameHistory() {
    INDArray data = Energies.mixture(new double[][] {{-3, 0}, {3, 0}}, new double[] {0.2, 0.8}).sample(1000, 6);
    this.<SumEnergy>resumesExactly(l -> {
      Mlp mlp = Mlp.builder(2).hidden(16).activation(Activation.SILU).seed(7).build();
      SumEnergy model = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {4, 4}));
      INDArray x0 = Energies.gaussian(new double[] {0, 0}, new double[] {3, 3}).sample(128, 8);
      return Ebm.train(model).on(data)
          .method(io.ebm4j.flow.FlowPcd.of(io.ebm4j.flow.RealNvp.builder(2).blocks(2).hidden(16).seed(9).build(),
              Kernels.mala(0.05)).initFrom(x0))
          .optimizer(new Adam(1e-3)).batchSize(128).steps(60).seed(3).logEvery(5).listen(l);
    }, 47, 20);
  }

  @Test
  void aCheckpointResumesOnlyIntoTheRunItCameFrom() {
    CheckpointFiles store = CheckpointFiles.in(dir.resolve("other"));
    assertThrows(IllegalStateException.class, () -> Ebm.train(Energies.twoWells(-10, 10)).on(DATA)
        .method(Methods.exact()).optimizer(new Sgd(0.05)).steps(100).seed(1).listen(crashAt(70))
        .checkpoints(store).checkpointEvery(25).run());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ebm.train(Energies.twoWells(-10, 10))
        .on(DATA).method(Methods.exact()).optimizer(new Sgd(0.05)).steps(100).seed(2).resumeFrom(store).run());
    assertTrue(e.getMessage().contains("seed: checkpoint 1, this run 2"), e.getMessage());
  }

  @Test
  void aDamagedCheckpointFailsNamingTheFile() throws Exception {
    CheckpointFiles store = CheckpointFiles.in(dir.resolve("damaged"));
    assertThrows(IllegalStateException.class, () -> Ebm.train(Energies.twoWells(-10, 10)).on(DATA)
        .method(Methods.exact()).steps(50).seed(1).listen(crashAt(30)).checkpoints(store).checkpointEvery(10).run());
    byte[] bytes = Files.readAllBytes(store.file());
    Files.write(store.file(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    StoreException e = assertThrows(StoreException.class, store::latest);
    assertTrue(e.getMessage().contains("checkpoint.ebm4j"), e.getMessage());
  }

  @Test
  void checkpointSettingsAreValidated() {
    var t = Ebm.train(Energies.twoWells(-10, 10));
    assertThrows(IllegalArgumentException.class, () -> t.checkpointEvery(0));
    assertThrows(IllegalArgumentException.class, () -> t.checkpointEverySeconds(-1));
    assertThrows(IllegalArgumentException.class, () -> t.checkpoints(null));
  }
}
