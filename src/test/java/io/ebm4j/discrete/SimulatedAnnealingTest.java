package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SimulatedAnnealingTest {
  private static DenoisingPosterior posterior(int h, int w, long seed) {
    INDArray y = BinaryStates.random(1, h * w, Encoding.PLUS_MINUS_ONE, seed);
    return DenoisingPosterior.of(y, h, w, 0.9, 0.6);
  }

  @Test
  void theScheduleIsGeometricFromStartToEnd() {
    SimulatedAnnealing<IsingGrid> a = SimulatedAnnealing.of(DiscreteKernels.checkerboard(),
        posterior(3, 3, 1)::atTemperature).temperatures(4.0, 0.04).sweeps(5);
    assertEquals(4.0, a.temperature(0), 1e-12);
    assertEquals(0.04, a.temperature(4), 1e-12);
    assertEquals(0.4, a.temperature(2), 1e-12);
  }

  @Test
  void annealingReachesTheExactMinimumOfSmallPosteriors() {
    for (long seed = 0; seed < 5; seed++) {
      DenoisingPosterior post = posterior(4, 4, 20 + seed);
      MapEstimate m = SimulatedAnnealing.of(DiscreteKernels.checkerboard(), post::atTemperature)
          .temperatures(3.0, 0.05).sweeps(300).minimize(post.observed().repeat(0, 4), new Rng(seed));
      double exact = GraphCutMap.minimize(post.grid()).bestEnergy();
      assertEquals(exact, m.bestEnergy(), 1e-9, "seed " + seed);
      assertEquals(post.energy(m.best()).getDouble(0), m.bestEnergy(), 1e-12);
      assertEquals(m.trace()[m.sweeps() - 1], java.util.Arrays.stream(m.energies()).average().orElseThrow(), 1e-9,
          "the trace is of U, not U/T");
    }
  }

  @Test
  void theSameSeedGivesTheSameStates() {
    DenoisingPosterior post = posterior(8, 8, 3);
    var a = SimulatedAnnealing.of(DiscreteKernels.checkerboard(), post::atTemperature).sweeps(50);
    assertArrayEquals(Batches.toArray(a.minimize(post.observed().repeat(0, 3), new Rng(7)).states()),
        Batches.toArray(a.minimize(post.observed().repeat(0, 3), new Rng(7)).states()));
  }

  @Test
  void badSettingsAreRejectedNamingThem() {
    var a = SimulatedAnnealing.of(DiscreteKernels.checkerboard(), posterior(3, 3, 1)::atTemperature);
    String m = assertThrows(IllegalArgumentException.class, () -> a.temperatures(0.1, 1.0)).getMessage();
    assertTrue(m.contains("temperatures") && m.contains("0.1") && m.contains("1.0"), m);
    m = assertThrows(IllegalArgumentException.class, () -> a.temperatures(1.0, 0.0)).getMessage();
    assertTrue(m.contains("temperatures") && m.contains("0.0"), m);
    m = assertThrows(IllegalArgumentException.class, () -> a.sweeps(0)).getMessage();
    assertTrue(m.contains("sweeps") && m.contains("0"), m);
  }
}
