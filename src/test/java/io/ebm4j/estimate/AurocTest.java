package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;

/** AUROC against pair counts done by hand and against the closed form for two Gaussians. */
class AurocTest {
  @Test
  void aurocIsTheShareOfPositiveNegativePairsInOrderWithTiesHalf() {
    // pairs (p, n): 3>1, 3>2, 3=3 (1/2); 5 beats all three; 2>1, 2=2 (1/2), 2<3 -> (2 + 1/2 + 3 + 1 + 1/2) / 9
    double[] pos = {3, 5, 2};
    double[] neg = {1, 2, 3};
    assertEquals(7.0 / 9, Auroc.of(pos, neg), 1e-12);
    assertEquals(1.0, Auroc.of(new double[] {4, 5}, new double[] {1, 2, 3}), 0.0);
    assertEquals(0.0, Auroc.of(new double[] {1}, new double[] {2, 3}), 0.0);
    assertEquals(0.5, Auroc.of(new double[] {1, 1}, new double[] {1}), 0.0);
  }

  @Test
  void aurocOfTwoUnitGaussiansIsPhiOfTheirSeparationOverRootTwo() {
    Rng rng = new Rng(5);
    double[] pos = new double[4000];
    double[] neg = new double[4000];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = 1 + rng.normal();
      neg[i] = rng.normal();
    }
    // P(X > Y) with X - Y ~ N(1, 2): Phi(1 / sqrt 2) = 0.76025
    assertEquals(0.76025, Auroc.of(pos, neg), 0.015);
  }

  @Test
  void emptyOrNonFiniteScoresAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[0], new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Auroc.of(new double[] {Double.NaN}, new double[] {1}));
  }
}
