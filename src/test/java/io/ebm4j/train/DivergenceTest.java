package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.sample.Kernels;
import io.ebm4j.store.CheckpointFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

/** A diverging run stops with a diagnostic: the step, the quantity, the last finite values, the intact checkpoint. */
class DivergenceTest {
  @TempDir
  Path dir;

  @Test
  void explodingWalkersStopTheRunNamingStepQuantityLastValuesAndTheLastCheckpoint() {
    var data = Energies.twoWells(-3, 3).withMassOfB(0.7).sample(500, 1);
    CheckpointFiles store = CheckpointFiles.in(dir);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Ebm
        .train(Energies.twoWells(-3, 3)).on(data)
        .method(Methods.pcd(Kernels.ula(50)).walkers(500))   // ULA unstable: |1 - h| > 1, walkers explode
        .optimizer(new Sgd(0.01)).steps(2000).seed(3).logEvery(10).track("massOfB", TwoWells::massOfB)
        .checkpoints(store).checkpointEvery(5).run());
    String m = e.getMessage();
    System.out.println(m);
    assertTrue(m.startsWith("training diverged at step " + e.step() + ": "), m);
    assertTrue(e.quantity().contains("walker") || e.quantity().contains("parameter"), e.quantity());
    assertTrue(m.contains("last logged values (step "), m);
    assertTrue(m.contains("massOfB="), m);
    assertTrue(Double.isFinite(e.lastRow().get("massOfB")));
    int ckpt = store.latest().orElseThrow().step();
    assertTrue(m.contains("the last checkpoint (step " + ckpt + ") is intact"), m);
    assertTrue(ckpt < e.step() && ckpt % 5 == 0, "checkpoint " + ckpt + " before the divergence at " + e.step());
    for (double p : store.latest().orElseThrow().state().doubles("params")) {
      assertTrue(Double.isFinite(p));
    }
    assertEquals(ckpt, store.latest().orElseThrow().history().rowCount() == 0 ? ckpt
        : store.latest().orElseThrow().step());
  }

  @Test
  void aTooLargeStepDivergesAndRetryingWithSmallerUpdatesFromTheLastGoodStateConverges() {
    var data = Energies.gaussian(new double[] {1}, new double[] {0.5}).sample(2000, 4);
    java.util.function.Supplier<Training<io.ebm4j.energy.Gaussian>> training = () -> Ebm
        .train(Energies.gaussian(new double[] {0}, new double[] {1})).on(data)
        .method(Methods.exact()).optimizer(new Sgd(50)).freeze("logSigma0").steps(600).seed(1);
    // sigma = 1: each step multiplies the error of mu by 1 - 50 (overflow near step 180); at 5, by -4 (near step 510);
    // at 0.5, by 0.5: the second retry converges
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> training.get().run());
    assertTrue(e.quantity().contains("logSigma") || e.quantity().contains("mu") || e.quantity().contains("energy"),
        e.quantity());

    Run<io.ebm4j.energy.Gaussian> run = training.get().retryOnDivergence(4, 0.1).run();
    String retry = run.provenance().get("retry1");
    assertTrue(retry != null && retry.startsWith("diverged at step " + e.step()), run.provenance().toString());
    assertTrue(retry.endsWith("from step 0 with update scale 0.1"), retry);
    assertTrue(run.provenance().get("retry2").endsWith("from step 0 with update scale 0.01"), run.provenance()
        .toString());
    assertEquals(null, run.provenance().get("retry3"));
    double mean = data.meanNumber().doubleValue();
    assertEquals(mean, run.model().mean()[0], 1e-3, "maximum likelihood mean after the retry");
    assertEquals(0, run.model().params().getDouble(1), 0, "log sigma frozen");
    assertEquals(601, run.history().rowCount(), "one history row per step, the diverged stretch replaced");
  }

  @Test
  void retryingNeedsAFactorBelowOneAndNonNegativeRetries() {
    var t = Ebm.train(Energies.gaussian(new double[] {0}, new double[] {1}));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.retryOnDivergence(2, 1.5)).getMessage()
        .contains("factor must be in (0, 1), got 1.5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.retryOnDivergence(-1, 0.5)).getMessage()
        .contains("maxRetries must be non-negative, got -1"));
  }
}
