package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class IteratedConditionalModesTest {
  @Test
  void itStopsAtAStateNoSingleFlipImproves() {
    IsingGrid g = GraphCutMapTest.randomGrid(6, 7, 1.0, 1.0, false, 11);
    INDArray x0 = BinaryStates.random(20, 42, Encoding.PLUS_MINUS_ONE, 12);
    MapEstimate m = IteratedConditionalModes.minimize(g, x0);
    double[] deltas = Batches.toArray(g.flipDeltas(m.states()));
    for (double d : deltas) {
      assertTrue(d >= 0, "a flip still lowers the energy by " + (-d));
    }
    double[] u0 = Batches.toArray(g.energy(x0));
    double[] u = Batches.toArray(g.energy(m.states()));
    for (int i = 0; i < u.length; i++) {
      assertTrue(u[i] <= u0[i], "row " + i);
      assertEquals(u[i], m.energies()[i], 1e-12);
    }
    for (int k = 1; k < m.trace().length; k++) {
      assertTrue(m.trace()[k] <= m.trace()[k - 1] + 1e-12, "mean energy rose at sweep " + k);
    }
    assertEquals(m.trace()[m.sweeps() - 1], java.util.Arrays.stream(u).average().orElseThrow(), 1e-9);
    System.out.printf("ICM on 20 random 6x7 starts: %d sweeps, mean energy %.3f -> %.3f%n", m.sweeps(),
        java.util.Arrays.stream(u0).average().orElseThrow(), m.trace()[m.sweeps() - 1]);
  }

  @Test
  void itWorksForBoltzmannMachinesAndIsDeterministic() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(8, 1.0, 3);
    INDArray x0 = BinaryStates.random(16, 8, Encoding.ZERO_ONE, 4);
    MapEstimate a = IteratedConditionalModes.minimize(bm, x0);
    MapEstimate b = IteratedConditionalModes.minimize(bm, x0);
    assertArrayEquals(Batches.toArray(a.states()), Batches.toArray(b.states()));
    for (double d : Batches.toArray(bm.flipDeltas(a.states()))) {
      assertTrue(d >= 0);
    }
  }

  @Test
  void badInputIsRejected() {
    IsingGrid g = IsingGrid.builder(2, 2).coupling(1).build();
    String m = assertThrows(IllegalArgumentException.class,
        () -> IteratedConditionalModes.minimize(g, Batches.zeros(1, 4))).getMessage();
    assertTrue(m.contains("x0"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> IteratedConditionalModes.minimize(g, Batches.zeros(1, 5).addi(1))).getMessage();
    assertTrue(m.contains("x0"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> IteratedConditionalModes.minimize(g, Batches.zeros(1, 4).addi(1), 0)).getMessage();
    assertTrue(m.contains("maxSweeps") && m.contains("0"), m);
  }
}
