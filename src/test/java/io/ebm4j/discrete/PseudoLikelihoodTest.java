package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PseudoLikelihoodTest {
  /** sum_k log p(x_k | x_-k) from the exact joint distribution: p(x) / (p(x) + p(x with k flipped)). */
  private static double brute(BinaryEnergy e, INDArray row) {
    double[] p = ExactPartition.probabilities(e);
    int d = e.dim();
    int s = ExactPartition.index(row, 0);
    double pll = 0;
    for (int k = 0; k < d; k++) {
      int t = s ^ (1 << k);
      pll += Math.log(p[s] / (p[s] + p[t]));
    }
    return pll;
  }

  @Test
  void pseudoLogLikelihoodEqualsTheSumOfExactConditionals() {
    BinaryEnergy[] models = {BoltzmannMachineTest.random(5, 0.9, 61), BinaryStates.randomRbm(6, 3, 1.0, 62),
        IsingGrid.builder(2, 3).coupling(0.6).field(-0.2).build()};
    for (BinaryEnergy e : models) {
      INDArray x = BinaryStates.random(7, e.dim(), e.encoding(), 63);
      double[] pll = Batches.toArray(PseudoLikelihood.of(e, x));
      double mean = 0;
      for (int i = 0; i < 7; i++) {
        double b = brute(e, x.getRow(i).dup().reshape(1, e.dim()));
        assertEquals(b, pll[i], 1e-10, e.getClass().getSimpleName() + " row " + i);
        mean += b / 7;
      }
      assertEquals(mean, PseudoLikelihood.mean(e, x), 1e-10);
    }
  }
}
