package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ExactPartitionTest {
  /** log sum_x e^{-U(x)} with one energy call per state. */
  private static double bruteLogZ(BinaryEnergy e) {
    int n = e.dim();
    double[] neg = new double[1 << n];
    for (int s = 0; s < neg.length; s++) {
      double[][] x = new double[1][n];
      for (int k = 0; k < n; k++) {
        x[0][k] = e.encoding().value(((s >> k) & 1) == 1);
      }
      neg[s] = -e.energy(org.nd4j.linalg.factory.Nd4j.createFromArray(x)).getDouble(0);
    }
    return Bin.logSumExp(neg, neg.length);
  }

  @Test
  void isingLogZEqualsBruteForceAndTheClosedFormOfAFreeChain() {
    IsingGrid g = IsingGrid.builder(3, 3).coupling(0.4).field(0.1).periodic(true).build();
    assertEquals(bruteLogZ(g), ExactPartition.logZ(g), 1e-10);
    // a free 1 x n chain with no field: Z = 2 (2 cosh J)^{n-1}
    double j = 0.7;
    IsingGrid chain = IsingGrid.builder(1, 10).coupling(j).build();
    assertEquals(Math.log(2) + 9 * Math.log(2 * Math.cosh(j)), ExactPartition.logZ(chain), 1e-10);
  }

  @Test
  void boltzmannLogZEqualsBruteForce() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(8, 0.7, 21);
    assertEquals(bruteLogZ(bm), ExactPartition.logZ(bm), 1e-10);
  }

  @Test
  void rbmLogZSummedOverEitherLayerEqualsTheJointSum() {
    // hidden smaller (sum over h analytically in v) and visible smaller (sum over v of -F)
    for (int[] shape : new int[][] {{7, 4}, {4, 7}}) {
      Rbm r = BinaryStates.randomRbm(shape[0], shape[1], 0.8, 22);
      INDArray vs = ExactPartition.states(shape[0], Encoding.ZERO_ONE);
      INDArray hs = ExactPartition.states(shape[1], Encoding.ZERO_ONE);
      int nvStates = (int) vs.rows();
      int nhStates = (int) hs.rows();
      double[] neg = new double[nvStates * nhStates];
      for (int a = 0; a < nvStates; a++) {
        INDArray v = org.nd4j.linalg.factory.Nd4j.repeat(vs.getRow(a).dup().reshape(1, shape[0]), nhStates)
            .reshape(nhStates, shape[0]);
        double[] e = Batches.toArray(r.jointEnergy(v, hs));
        for (int b = 0; b < nhStates; b++) {
          neg[a * nhStates + b] = -e[b];
        }
      }
      assertEquals(Bin.logSumExp(neg, neg.length), ExactPartition.logZ(r), 1e-10, "shape " + shape[0] + "x"
          + shape[1]);
    }
  }

  @Test
  void zeroWeightRbmFactorises() {
    Rbm r = Rbm.of(40, 30);
    for (int k = 0; k < 40; k++) {
      r.visibleBias().putScalar(0, k, 0.1 * k - 2);
    }
    for (int j = 0; j < 30; j++) {
      r.hiddenBias().putScalar(0, j, -0.05 * j);
    }
    double expected = 0;
    for (int k = 0; k < 40; k++) {
      expected += Math.log1p(Math.exp(0.1 * k - 2));
    }
    for (int j = 0; j < 30; j++) {
      expected += Math.log1p(Math.exp(-0.05 * j));
    }
    assertEquals(expected, ExactPartition.logZ(r), 1e-10);
  }

  @Test
  void expectedParamGradientIsMinusTheModelMoments() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(4, 0.9, 23);
    double[] p = ExactPartition.probabilities(bm);
    double[] e = Batches.toArray(ExactPartition.expectedParamGradient(bm));
    double[] brute = new double[bm.numParams()];
    for (int s = 0; s < 16; s++) {
      double[] x = new double[4];
      for (int k = 0; k < 4; k++) {
        x[k] = (s >> k) & 1;
      }
      for (int i = 0; i < 4; i++) {
        brute[i] -= p[s] * x[i];
        for (int j = i + 1; j < 4; j++) {
          brute[BoltzmannMachine.pair(4, i, j)] -= p[s] * x[i] * x[j];
        }
      }
    }
    for (int k = 0; k < brute.length; k++) {
      assertEquals(brute[k], e[k], 1e-12, bm.paramNames()[k]);
    }
  }

  @Test
  void exactRbmSamplesMatchTheVisibleDistribution() {
    // hidden layer smaller: h drawn from its marginal, then v | h
    Rbm r = BinaryStates.randomRbm(6, 3, 1.0, 24);
    double[] p = ExactPartition.probabilities(r);
    INDArray v = ExactPartition.sample(r, 100_000, new Rng(25));
    long[] counts = new long[64];
    for (int i = 0; i < v.rows(); i++) {
      counts[ExactPartition.index(v, i)]++;
    }
    double tv = BinaryStates.tv(counts, p);
    assertTrue(tv < 0.015, "TV " + tv);
  }

  @Test
  void tooManySitesAreRejected() {
    IsingGrid g = IsingGrid.builder(5, 5).coupling(0.1).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExactPartition.logZ(g)).getMessage()
        .contains("sites must be at most 24 for exact enumeration, got 25"));
  }
}
