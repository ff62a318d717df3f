package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;

class ResamplingTest {
  private final double[] w = {0.5, 0.05, 0.3, 0.15};

  private static int[] counts(int[] anc, int n) {
    int[] c = new int[n];
    for (int a : anc) {
      c[a]++;
    }
    return c;
  }

  @Test
  void systematicResamplingKeepsEveryCountWithinOneOfItsExpectation() {
    double[] big = new double[1000];
    double s = 0;
    for (int i = 0; i < big.length; i++) {
      big[i] = Math.exp(Math.sin(i));
      s += big[i];
    }
    for (int i = 0; i < big.length; i++) {
      big[i] /= s;
    }
    int[] c = counts(Resampling.SYSTEMATIC.ancestors(big, new Rng(1)), big.length);
    for (int i = 0; i < big.length; i++) {
      assertTrue(Math.abs(c[i] - big.length * big[i]) < 1, "count " + c[i] + " expected " + big.length * big[i]);
    }
  }

  @Test
  void bothSchemesAreUnbiased() {
    for (Resampling r : Resampling.values()) {
      Rng rng = new Rng(2);
      double[] total = new double[4];
      int reps = 20_000;
      for (int k = 0; k < reps; k++) {
        int[] c = counts(r.ancestors(w, rng), 4);
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
      }
      for (int i = 0; i < 4; i++) {
        double sd = Math.sqrt(4 * w[i] * (1 - w[i]) / reps);
        assertEquals(4 * w[i], total[i] / reps, 5 * sd, r + " copies of " + i);
      }
    }
  }

  @Test
  void parsesNamesAndRejectsUnknownOnes() {
    assertEquals(Resampling.MULTINOMIAL, Resampling.parse("Multinomial"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampling.parse("stratified"));
    assertTrue(e.getMessage().contains("stratified"));
  }
}
