package io.ebm4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.SplitMix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * With BLAS on one thread, a batch of more than {@link Mlp#BLOCK_ROWS} rows runs in blocks of nearly equal size: each
 * row gets what a call on its block alone gives, sums over rows (parameter gradients, losses) are the blocks' sums up
 * to rounding, and the numbers never depend on whether helper threads took part. (Surefire runs each test class in a
 * JVM of its own, so the BLAS setting stays here.)
 */
class MlpBlocksTest {
  @BeforeAll
  static void oneBlasThread() {
    Nd4j.factory().blas().setMaxThreads(1);
  }

  private static final int N = 2 * Mlp.BLOCK_ROWS + 300; // three blocks

  private static Mlp mlp(DataType dtype) {
    return Mlp.builder(3).hidden(16, 12).activation(Activation.SILU).dtype(dtype).seed(5).build();
  }

  private static INDArray points(int n, int d, long seed) {
    SplitMix r = new SplitMix(seed);
    double[] v = new double[n * d];
    for (int q = 0; q < v.length; q++) {
      v[q] = 3 * r.nextDouble() - 1.5;
    }
    return Nd4j.createFromArray(v).reshape(n, d);
  }

  private static INDArray rows(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
  }

  private static INDArray part(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to)).dup();
  }

  private static double[] concat(double[]... parts) {
    int len = 0;
    for (double[] p : parts) {
      len += p.length;
    }
    double[] out = new double[len];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double rel) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertEquals(expected.length, actual.length);
    for (int q = 0; q < expected.length; q++) {
      assertEquals(expected[q], actual[q], rel * scale, "element " + q);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void eachRowGetsWhatItsBlockAloneGives(String type) {
    DataType dtype = DataType.valueOf(type);
    Mlp m = mlp(dtype);
    INDArray x = points(N, 3, 1);
    INDArray u = Batches.zeros(N);
    INDArray g = Batches.zeros(N, 3);
    m.evaluate(x, u, g);
    INDArray lap = m.laplacian(x);
    double[][] ub = new double[3][];
    double[][] gb = new double[3][];
    double[][] lb = new double[3][];
    for (int b = 0; b < 3; b++) {
      int from = Par.start(N, 3, b);
      int to = Par.start(N, 3, b + 1);
      Mlp alone = mlp(dtype);
      INDArray xb = rows(x, from, to);
      INDArray u1 = Batches.zeros(to - from);
      INDArray g1 = Batches.zeros(to - from, 3);
      alone.evaluate(xb, u1, g1);
      ub[b] = Batches.toArray(u1);
      gb[b] = Batches.toArray(g1);
      lb[b] = Batches.toArray(alone.laplacian(xb));
    }
    assertArrayEquals(concat(ub), Batches.toArray(u));
    assertArrayEquals(concat(gb), Batches.toArray(g));
    assertArrayEquals(concat(lb), Batches.toArray(lap));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void gradientsAndLossesAreTheBlocksSums(String type) {
    DataType dtype = DataType.valueOf(type);
    double rel = dtype == DataType.FLOAT ? 1e-5 : 1e-12;
    Mlp m = mlp(dtype);
    INDArray x = points(N, 3, 2);
    INDArray w = Nd4j.createFromArray(Batches.toArray(points(N, 1, 3))).add(2.0);
    INDArray v = points(N, 3, 4);
    double[][] whole = run(m, x, w, v);
    double[][] sum = null;
    for (int b = 0; b < 3; b++) {
      int from = Par.start(N, 3, b);
      int to = Par.start(N, 3, b + 1);
      double[][] part = run(mlp(dtype), rows(x, from, to), part(w, from, to), rows(v, from, to));
      if (sum == null) {
        sum = part;
      } else {
        for (int k = 0; k < SUMS; k++) {
          for (int q = 0; q < sum[k].length; q++) {
            sum[k][q] += part[k][q];
          }
        }
      }
    }
    for (int k = 0; k < SUMS; k++) {
      assertClose(sum[k], whole[k], rel);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void helperThreadsDoNotChangeTheNumbers(String type) {
    DataType dtype = DataType.valueOf(type);
    INDArray x = points(N, 3, 5);
    INDArray w = Nd4j.createFromArray(Batches.toArray(points(N, 1, 6))).add(2.0);
    INDArray v = points(N, 3, 7);
    double[][] helped = run(mlp(dtype), x, w, v);
    double[][] alone = Par.alone(() -> run(mlp(dtype), x, w, v));
    for (int k = 0; k < helped.length; k++) {
      assertArrayEquals(alone[k], helped[k], "output " + k);
    }
  }

  /** The outputs of {@link #run} that are sums over rows (the rest are per row). */
  private static final int SUMS = 6;

  /**
   * Parameter gradients of a weighted training pass, exact, sliced and denoising score matching and the squared score
   * norms (each with its loss as a last element), plus the energies and input gradients of the weighted pass.
   */
  private static double[][] run(Mlp m, INDArray x, INDArray w, INDArray v) {
    int n = (int) x.rows();
    int p = m.numParams();
    INDArray u = Batches.zeros(n);
    INDArray g = Batches.zeros(n, 3);
    INDArray g2 = Nd4j.zeros(DataType.DOUBLE, p);
    m.evaluateAndAccumulate(x, u, g, w, 0.5, g2);
    INDArray pg = Nd4j.zeros(DataType.DOUBLE, p);
    m.accumulateParamGradient(x, w, 0.25, pg);
    INDArray sm = Nd4j.zeros(DataType.DOUBLE, p);
    m.accumulateScoreMatchingGradient(x, 1.0, sm);
    INDArray ssm = Nd4j.zeros(DataType.DOUBLE, p);
    m.accumulateSlicedScoreMatchingGradient(x, v, 1.0, ssm);
    INDArray dsm = Nd4j.zeros(DataType.DOUBLE, p);
    m.accumulateDenoisingScoreMatchingGradient(x, v, 0.3, 1.0, dsm);
    INDArray sq = Nd4j.zeros(DataType.DOUBLE, p);
    double sqLoss = m.accumulateSquaredScoreGradient(x, 1.0, sq);
    return new double[][] {
        Batches.toArray(g2), Batches.toArray(pg),
        concat(Batches.toArray(sm), new double[] {m.scoreMatchingLoss(x) * n}),
        concat(Batches.toArray(ssm), new double[] {m.slicedScoreMatchingLoss(x, v) * n}),
        concat(Batches.toArray(dsm), new double[] {m.denoisingScoreMatchingLoss(x, v, 0.3) * n}),
        concat(Batches.toArray(sq), new double[] {sqLoss}),
        Batches.toArray(u), Batches.toArray(g)};
  }
}
