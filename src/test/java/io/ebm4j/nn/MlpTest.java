package io.ebm4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Construction, parameter layout, precision and input checking of {@link Mlp}. */
class MlpTest {
  @Test
  void sameSeedGivesSameParametersAndOtherSeedOthers() {
    Mlp a = Mlp.builder(2).hidden(8, 8).seed(3).build();
    Mlp b = Mlp.builder(2).hidden(8, 8).seed(3).build();
    Mlp c = Mlp.builder(2).hidden(8, 8).seed(4).build();
    assertArrayEquals(Batches.toArray(a.params().castTo(DataType.DOUBLE)),
        Batches.toArray(b.params().castTo(DataType.DOUBLE)));
    assertFalse(java.util.Arrays.equals(Batches.toArray(a.params().castTo(DataType.DOUBLE)),
        Batches.toArray(c.params().castTo(DataType.DOUBLE))));
  }

  @Test
  void layoutIsDocumentedOrderAndParamsIsLive() {
    Mlp m = Mlp.builder(2).hidden(3).activation(Activation.TANH).dtype(DataType.DOUBLE).seed(1).build();
    assertEquals(2 * 3 + 3 + 3 + 1, m.numParams());
    String[] names = m.paramNames();
    assertEquals("W1[0,0]", names[0]);
    assertEquals("W1[1,2]", names[5]);
    assertEquals("b1[0]", names[6]);
    assertEquals("w_out[2]", names[11]);
    assertEquals("b_out", names[12]);
    INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -0.4}});
    double[] p = Batches.toArray(m.params());
    double expected = p[12];
    for (int k = 0; k < 3; k++) {
      double z = p[6 + k] + 0.3 * p[k] - 0.4 * p[3 + k];
      expected += p[9 + k] * Math.tanh(z);
    }
    assertEquals(expected, m.energy(x).getDouble(0), 1e-12);
    // writing into params() in place (as an updater does) changes the energy
    m.params().putScalar(12, p[12] + 1.0);
    assertEquals(expected + 1.0, m.energy(x).getDouble(0), 1e-12);
  }

  @Test
  void copyIsIndependent() {
    Mlp m = Mlp.builder(2).hidden(4).seed(1).build();
    Mlp c = m.copy();
    INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -0.4}});
    assertEquals(m.energy(x).getDouble(0), c.energy(x).getDouble(0), 0.0);
    c.params().putScalar(c.numParams() - 1, 5.0);
    assertTrue(m.energy(x).getDouble(0) != c.energy(x).getDouble(0));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void float32AgreesWithFloat64(Activation a) {
    int[] hidden = {16, 16};
    Mlp m64 = MlpGradientsTest.net(a, hidden, DataType.DOUBLE);
    Mlp m32 = Mlp.builder(3).hidden(hidden).activation(a).dtype(DataType.FLOAT).build();
    m32.setParams(m64.params());
    m64.setParams(m32.params()); // both on the same float-representable values
    INDArray x = MlpGradientsTest.randomBatch(64, 3, 9);
    INDArray v = MlpGradientsTest.randomBatch(64, 3, 10);
    MlpGradientsTest.assertClose(Batches.toArray(m64.energy(x)), Batches.toArray(m32.energy(x)), 1e-4, "U");
    MlpGradientsTest.assertClose(Batches.toArray(m64.gradX(x)), Batches.toArray(m32.gradX(x)), 1e-4, "grad_x");
    MlpGradientsTest.assertClose(Batches.toArray(m64.laplacian(x)), Batches.toArray(m32.laplacian(x)), 1e-4,
        "Laplacian");
    for (DataType outType : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      MlpGradientsTest.assertClose(
          grad(m64, DataType.DOUBLE, out -> m64.accumulateParamGradient(x, null, 1.0, out)),
          grad(m32, outType, out -> m32.accumulateParamGradient(x, null, 1.0, out)), 1e-4, "dU/dtheta");
      MlpGradientsTest.assertClose(
          grad(m64, DataType.DOUBLE, out -> m64.accumulateScoreMatchingGradient(x, 1.0, out)),
          grad(m32, outType, out -> m32.accumulateScoreMatchingGradient(x, 1.0, out)), 1e-4, "SM gradient");
      MlpGradientsTest.assertClose(
          grad(m64, DataType.DOUBLE, out -> m64.accumulateSlicedScoreMatchingGradient(x, v, 1.0, out)),
          grad(m32, outType, out -> m32.accumulateSlicedScoreMatchingGradient(x, v, 1.0, out)), 1e-4,
          "sliced SM gradient");
      MlpGradientsTest.assertClose(
          grad(m64, DataType.DOUBLE, out -> m64.accumulateDenoisingScoreMatchingGradient(x, v, 0.5, 1.0, out)),
          grad(m32, outType, out -> m32.accumulateDenoisingScoreMatchingGradient(x, v, 0.5, 1.0, out)), 1e-4,
          "DSM gradient");
    }
  }

  private static double[] grad(Mlp m, DataType t, java.util.function.Consumer<INDArray> acc) {
    INDArray out = Nd4j.zeros(t, m.numParams());
    acc.accept(out);
    return Batches.toArray(out.castTo(DataType.DOUBLE).dup());
  }

  @Test
  void slicedLossWithAxisProjectionsSumsToExactLoss() {
    Mlp m = MlpGradientsTest.net(Activation.SOFTPLUS, new int[] {6, 5}, DataType.DOUBLE);
    INDArray x = MlpGradientsTest.randomBatch(5, 3, 12);
    double sum = 0;
    for (int j = 0; j < 3; j++) {
      INDArray v = Nd4j.zeros(DataType.DOUBLE, 5, 3);
      v.getColumn(j).assign(1.0);
      sum += m.slicedScoreMatchingLoss(x, v.dup('c'));
    }
    assertEquals(m.scoreMatchingLoss(x), sum, 1e-10);
  }

  @Test
  void denoisingWithRngIsReproducibleAndEqualsExplicitNoise() {
    Mlp m = MlpGradientsTest.net(Activation.ELU, new int[] {6}, DataType.DOUBLE);
    INDArray x = MlpGradientsTest.randomBatch(7, 3, 13);
    INDArray g1 = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    INDArray eps = m.accumulateDenoisingScoreMatchingGradient(x, 0.2, new io.ebm4j.random.Rng(5), 1.0, g1);
    INDArray g2 = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    INDArray eps2 = m.accumulateDenoisingScoreMatchingGradient(x, 0.2, new io.ebm4j.random.Rng(5), 1.0, g2);
    assertArrayEquals(Batches.toArray(eps), Batches.toArray(eps2));
    assertArrayEquals(Batches.toArray(g1), Batches.toArray(g2));
    INDArray g3 = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    m.accumulateDenoisingScoreMatchingGradient(x, eps, 0.2, 1.0, g3);
    assertArrayEquals(Batches.toArray(g1), Batches.toArray(g3));
  }

  @Test
  void batchSizesCanAlternate() {
    Mlp m = Mlp.builder(2).hidden(8).dtype(DataType.DOUBLE).seed(2).build();
    INDArray small = MlpGradientsTest.randomBatch(3, 2, 1);
    INDArray big = MlpGradientsTest.randomBatch(3000, 2, 2); // parallel chunks
    double[] e1 = Batches.toArray(m.energy(small));
    double[] eBig = Batches.toArray(m.energy(big));
    assertArrayEquals(e1, Batches.toArray(m.energy(small)));
    for (int i = 0; i < 3000; i += 500) {
      assertEquals(m.energy(big.getRow(i).reshape(1, 2).dup()).getDouble(0), eBig[i], 1e-12);
    }
  }

  @Test
  void float32IsTheDefault() {
    assertEquals(DataType.FLOAT, Mlp.builder(2).hidden(4).build().params().dataType());
  }

  @Test
  void wrongDimensionIsRejectedNamingTheShape() {
    Mlp m = Mlp.builder(2).hidden(4).build();
    INDArray x = Nd4j.zeros(DataType.DOUBLE, 5, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.energy(x));
    assertTrue(e.getMessage().contains("x") && e.getMessage().contains("[5, 3]"), e.getMessage());
    INDArray out = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    e = assertThrows(IllegalArgumentException.class, () -> m.accumulateScoreMatchingGradient(x, 1.0, out));
    assertTrue(e.getMessage().contains("[5, 3]"), e.getMessage());
    INDArray ok = Nd4j.zeros(DataType.DOUBLE, 5, 2);
    e = assertThrows(IllegalArgumentException.class,
        () -> m.accumulateParamGradient(ok, null, 1.0, Nd4j.zeros(DataType.DOUBLE, 3)));
    assertTrue(e.getMessage().contains("out") && e.getMessage().contains("3"), e.getMessage());
  }

  @Test
  void nonFiniteInputIsRejectedNamingTheValue() {
    Mlp m = Mlp.builder(2).hidden(4).build();
    INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 2);
    x.putScalar(1, 1, Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.gradX(x));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("[1, 1]"), e.getMessage());
    INDArray out = Nd4j.zeros(DataType.DOUBLE, m.numParams());
    e = assertThrows(IllegalArgumentException.class, () -> m.accumulateParamGradient(x, null, 1.0, out));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    INDArray good = Nd4j.zeros(DataType.DOUBLE, 3, 2);
    e = assertThrows(IllegalArgumentException.class,
        () -> m.accumulateDenoisingScoreMatchingGradient(good, good, -1.0, 1.0, out));
    assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("-1.0"), e.getMessage());
  }

  @Test
  void nonFiniteParamsAreRejectedNamingValueAndParameter() {
    Mlp m = Mlp.builder(2).hidden(3).build();
    double[] p = new double[m.numParams()];
    p[7] = Double.POSITIVE_INFINITY;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.setParams(Nd4j.createFromArray(p)));
    assertTrue(e.getMessage().contains("Infinity") && e.getMessage().contains("b1[1]"), e.getMessage());
    p[7] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> m.setParams(Nd4j.createFromArray(p)));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.setParams(Nd4j.zeros(DataType.DOUBLE, 4)));
    assertTrue(e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void badConfigurationIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Mlp.builder(0));
    assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2).hidden(4, 0));
    assertThrows(IllegalArgumentException.class, () -> Mlp.builder(2).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mlp.builder(2).dtype(DataType.HALF));
    assertTrue(e.getMessage().contains("HALF"), e.getMessage());
  }
}
