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
}
