package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two-well energy runs its loops in blocks with a vectorised exponential and logarithm (1 ulp from StrictMath);
 * every row of a
 * batch that spans several parallel chunks and partial blocks must still match the row-by-row formulas.
 */
class TwoWellsBlockedLoopsTest {
  /** 5003 rows: 16 chunks of ~313 rows, each one full block of 256 and a partial one. */
  private static final int N = 5003;

  private static INDArray points(int d, long seed) {
    INDArray x = Batches.zeros(N, d);
    DoubleBuffer xb = Batches.buffer(x);
    Rng rng = new Rng(seed);
    for (int k = 0; k < N * d; k++) {
      xb.put(k, -16 + 32 * rng.uniform()); // both wells, the saddle and beyond
    }
    return x;
  }

  /** log-sum-exp form of U and the posterior p of mode b for one row, in plain scalar code. */
  private static double[] reference(double[] a, double[] b, double z, DoubleBuffer xb, int i) {
    int d = a.length;
    double la = 0;
    double lb = z;
    for (int j = 0; j < d; j++) {
      double v = xb.get(i * d + j);
      la += 0.5 * (v - a[j]) * (v - a[j]);
      lb += 0.5 * (v - b[j]) * (v - b[j]);
    }
    double m = Math.min(la, lb);
    double u = m - Math.log1p(Math.exp(-Math.abs(la - lb)));
    double p = 1.0 / (1.0 + Math.exp(lb - la));
    return new double[] {u, p};
  }

  @Test
  void energiesGradientsAndParameterGradientMatchTheRowFormulasInOneAndThreeDimensions() {
    double[][][] wells = {{{-10}, {10}}, {{-2, 0, 1}, {3, 1, -1}}};
    for (double[][] w : wells) {
      int d = w[0].length;
      TwoWells e = Energies.twoWells(w[0], w[1]).withZ(0.3);
      INDArray x = points(d, 11 + d);
      INDArray u = Batches.zeros(N);
      INDArray g = Batches.zeros(N, d);
      e.evaluate(x, u, g);
      DoubleBuffer xb = Batches.buffer(x);
      double sumP = 0;
      double weighted = 0;
      for (int i = 0; i < N; i++) {
        double[] r = reference(w[0], w[1], 0.3, xb, i);
        assertEquals(r[0], u.getDouble(i), 1e-12 * Math.max(1, Math.abs(r[0])), "U row " + i + " d=" + d);
        for (int j = 0; j < d; j++) {
          double gj = xb.get(i * d + j) - w[0][j] - r[1] * (w[1][j] - w[0][j]);
          assertEquals(gj, g.getDouble(i, j), 1e-12 * Math.max(1, Math.abs(gj)), "grad row " + i + " d=" + d);
        }
        sumP += r[1];
        weighted += (i % 7) * r[1];
      }
      INDArray out = Batches.zeros(1);
      e.accumulateParamGradient(x, null, 1.0 / N, out);
      assertEquals(sumP / N, out.getDouble(0), 1e-13, "mean posterior, d=" + d);
      INDArray wts = Batches.zeros(N);
      for (int i = 0; i < N; i++) {
        wts.putScalar(i, i % 7);
      }
      INDArray out2 = Batches.zeros(1);
      e.accumulateParamGradient(x, wts, 1.0, out2);
      assertEquals(weighted, out2.getDouble(0), 1e-12 * weighted, "weighted posterior sum, d=" + d);
    }
  }
  @Test
  void oneFusedPassGivesTheEnergiesGradientsAndParameterGradientOfTheTwoCallsBitForBit() {
    double[][][] wells = {{{-10}, {10}}, {{-2, 0, 1}, {3, 1, -1}}};
    for (double[][] w : wells) {
      int d = w[0].length;
      TwoWells e = Energies.twoWells(w[0], w[1]).withZ(-0.7);
      INDArray x = points(d, 29 + d);
      INDArray wts = Batches.zeros(N);
      for (int i = 0; i < N; i++) {
        wts.putScalar(i, 0.25 + (i % 5));
      }
      for (INDArray weights : new INDArray[] {null, wts}) {
        INDArray u = Batches.zeros(N);
        INDArray g = Batches.zeros(N, d);
        INDArray out = Batches.zeros(1).addi(0.125);
        e.evaluate(x, u, g);
        e.accumulateParamGradient(x, weights, -0.3, out);
        INDArray u2 = Batches.zeros(N);
        INDArray g2 = Batches.zeros(N, d);
        INDArray out2 = Batches.zeros(1).addi(0.125);
        e.evaluateAndAccumulate(x, u2, g2, weights, -0.3, out2);
        String what = "d=" + d + (weights == null ? "" : ", weighted");
        assertArrayEquals(Batches.toArray(u), Batches.toArray(u2), "energies, " + what);
        assertArrayEquals(Batches.toArray(g), Batches.toArray(g2), "gradients, " + what);
        assertEquals(out.getDouble(0), out2.getDouble(0), 0.0, "parameter gradient, " + what);
        INDArray u3 = Batches.zeros(N);
        INDArray out3 = Batches.zeros(1).addi(0.125);
        e.evaluateAndAccumulate(x, u3, null, weights, -0.3, out3);
        assertArrayEquals(Batches.toArray(u), Batches.toArray(u3), "energies without gradients, " + what);
        assertEquals(out.getDouble(0), out3.getDouble(0), 0.0, "parameter gradient without gradients, " + what);
      }
    }
  }

  /** Every output of one call, flattened: energies, gradients, weighted posterior sum and the score-matching terms. */
  private static double[] outputs(TwoWells e, INDArray x) {
    int d = e.dim();
    INDArray u = Batches.zeros(N);
    INDArray g = Batches.zeros(N, d);
    INDArray wts = Batches.zeros(N);
    for (int i = 0; i < N; i++) {
      wts.putScalar(i, 1 + (i % 3));
    }
    INDArray out = Batches.zeros(1);
    e.evaluateAndAccumulate(x, u, g, wts, 1.0, out);
    double[] ug = Batches.toArray(u);
    double[] gg = Batches.toArray(g);
    double[] all = java.util.Arrays.copyOf(ug, ug.length + gg.length + 2);
    System.arraycopy(gg, 0, all, ug.length, gg.length);
    all[all.length - 2] = out.getDouble(0);
    all[all.length - 1] = e.scoreMatchingLoss(x);
    return all;
  }

  @Test
  void scratchReusedAcrossCallsDimensionsAndThreadsNeverChangesANumber() throws Exception {
    TwoWells one = Energies.twoWells(-10, 10).withZ(0.4);
    TwoWells three = Energies.twoWells(new double[] {-2, 0, 1}, new double[] {3, 1, -1}).withZ(-0.2);
    INDArray x1 = points(1, 41);
    INDArray x3 = points(3, 43);
    double[] first1 = outputs(one, x1);
    double[] first3 = outputs(three, x3); // the per-thread blocks grow for three coordinates
    assertArrayEquals(first1, outputs(one, x1), "d=1 after d=3 on the same thread");
    assertArrayEquals(first3, outputs(three, x3), "d=3 again");
    // two threads at once, each alternating between the energies, as cells of a study side by side
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 2; t++) {
        final boolean startWithOne = t == 0;
        done.add(pool.submit(() -> {
          boolean same = true;
          for (int r = 0; r < 6; r++) {
            boolean useOne = (r % 2 == 0) == startWithOne;
            double[] o = useOne ? outputs(one, x1) : outputs(three, x3);
            same &= java.util.Arrays.equals(o, useOne ? first1 : first3);
          }
          return same;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : done) {
        assertEquals(Boolean.TRUE, f.get(), "calls on two threads at once gave other numbers");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
