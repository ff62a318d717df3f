package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RbmTest {
  private final Rbm rbm = BinaryStates.randomRbm(6, 4, 0.9, 11);

  @Test
  void freeEnergyIsMinusLogSumOverHiddenStatesOfTheJointEnergy() {
    INDArray v = BinaryStates.random(12, 6, Encoding.ZERO_ONE, 12);
    INDArray hs = ExactPartition.states(4, Encoding.ZERO_ONE);
    double[] f = Batches.toArray(rbm.energy(v));
    for (int i = 0; i < 12; i++) {
      INDArray vi = Nd4j.repeat(v.getRow(i).dup().reshape(1, 6), 16).reshape(16, 6);
      double[] e = Batches.toArray(rbm.jointEnergy(vi, hs));
      double[] neg = new double[16];
      for (int s = 0; s < 16; s++) {
        neg[s] = -e[s];
      }
      assertEquals(-Bin.logSumExp(neg, 16), f[i], 1e-12);
    }
  }

  @Test
  void conditionalsEqualRatiosOfJointProbabilities() {
    INDArray v = BinaryStates.random(5, 6, Encoding.ZERO_ONE, 13);
    INDArray h = BinaryStates.random(5, 4, Encoding.ZERO_ONE, 14);
    INDArray ph = rbm.hiddenProbabilities(v);
    INDArray pv = rbm.visibleProbabilities(h);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 4; j++) {
        INDArray h1 = h.getRow(i).dup().reshape(1, 4);
        INDArray h0 = h1.dup();
        h1.putScalar(0, j, 1);
        h0.putScalar(0, j, 0);
        INDArray vi = v.getRow(i).dup().reshape(1, 6);
        double e1 = rbm.jointEnergy(vi, h1).getDouble(0);
        double e0 = rbm.jointEnergy(vi, h0).getDouble(0);
        assertEquals(1 / (1 + Math.exp(e1 - e0)), ph.getDouble(i, j), 1e-12, "p(h_j = 1 | v)");
      }
      for (int k = 0; k < 6; k++) {
        INDArray v1 = v.getRow(i).dup().reshape(1, 6);
        INDArray v0 = v1.dup();
        v1.putScalar(0, k, 1);
        v0.putScalar(0, k, 0);
        INDArray hi = h.getRow(i).dup().reshape(1, 4);
        double e1 = rbm.jointEnergy(v1, hi).getDouble(0);
        double e0 = rbm.jointEnergy(v0, hi).getDouble(0);
        assertEquals(1 / (1 + Math.exp(e1 - e0)), pv.getDouble(i, k), 1e-12, "p(v_k = 1 | h)");
      }
    }
  }

  @Test
  void freeEnergyParameterGradientMatchesCentralFiniteDifferences() {
    Rbm r = BinaryStates.randomRbm(5, 3, 0.7, 15);
    INDArray v = BinaryStates.random(25, 5, Encoding.ZERO_ONE, 16);
    double[] wv = new double[25];
    Rng rng = new Rng(17);
    for (int i = 0; i < 25; i++) {
      wv[i] = rng.uniform() * 2;
    }
    INDArray w = Batches.vector(wv);
    double[] g = FiniteDifferences.paramGradient(r, v, w);
    for (int k = 0; k < r.numParams(); k++) {
      double fd = FiniteDifferences.dParam(r, k, 1e-5, () -> r.energy(v).mul(w).sumNumber().doubleValue());
      assertEquals(fd, g[k], 1e-7, r.paramNames()[k]);
    }
  }

  @Test
  void parameterGradientAccumulatesIntoAnOffsetView() {
    Rbm r = BinaryStates.randomRbm(4, 3, 0.7, 18);
    INDArray v = BinaryStates.random(9, 4, Encoding.ZERO_ONE, 19);
    INDArray big = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, r.numParams() + 5);
    INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + r.numParams()));
    r.accumulateParamGradient(v, null, 0.5, view);
    double[] direct = FiniteDifferences.paramGradient(r, v, null);
    for (int k = 0; k < r.numParams(); k++) {
      assertEquals(1 + 0.5 * direct[k], big.getDouble(3 + k), 1e-12);
    }
    assertEquals(1.0, big.getDouble(0), 0);
    assertEquals(1.0, big.getDouble(3 + r.numParams()), 0);
  }

  @Test
  void flipDeltasEqualFreeEnergyDifferences() {
    INDArray v = BinaryStates.random(8, 6, Encoding.ZERO_ONE, 20);
    INDArray fast = rbm.flipDeltas(v);
    BinaryEnergy.Flips f = rbm.flips();
    for (int i = 0; i < 8; i++) {
      for (int k = 0; k < 6; k++) {
        INDArray y = v.getRow(i).dup().reshape(1, 6);
        y.putScalar(0, k, 1 - y.getDouble(0, k));
        double exact = rbm.energy(y).getDouble(0) - rbm.energy(v).getDouble(i);
        assertEquals(exact, fast.getDouble(i, k), 1e-12);
        assertEquals(exact, f.delta(Batches.buffer(v.dup()), i * 6, k), 1e-12);
      }
    }
  }

  @Test
  void visibleBiasFromDataIsTheLogitOfClippedMeans() {
    INDArray data = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {1, 0, 0}, {1, 0, 1}, {0, 0, 0}});
    Rbm r = Rbm.of(3, 2).visibleBiasFrom(data);
    assertEquals(Math.log(0.75 / 0.25), r.visibleBias().getDouble(0, 0), 1e-12);
    assertEquals(Math.log(1e-3 / (1 - 1e-3)), r.visibleBias().getDouble(0, 1), 1e-12);
    assertEquals(0.0, r.visibleBias().getDouble(0, 2), 1e-12);
  }

  @Test
  void badInputIsRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Rbm.of(0, 3)).getMessage()
        .contains("visible must be at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> rbm.energy(Nd4j.createFromArray(new double[][] {{1, 0, 0.5, 1, 0, 0}}))).getMessage()
        .contains("v must hold only 0 and 1, got 0.5 at [0, 2]"));
    assertThrows(UnsupportedOperationException.class,
        () -> rbm.gradX(Nd4j.createFromArray(new double[][] {{1, 0, 0, 1, 0, 0}})));
  }
}
