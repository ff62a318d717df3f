package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * One ULA transport, row by row: the move is X' = X - h grad U_k(X) + sqrt(2h) xi, and the log-weight grows by
 * alpha_k(X, X') - alpha_{k+1}(X', X), alpha(x, y) = U(x) + (y - x).grad U(x) / 2 + h |grad U(x)|^2 / 4. Checked in
 * one dimension (a flat loop) and in three (the general loop), over a batch that spans several parallel chunks and
 * partial blocks, with the energy changed between the two evaluations as in training.
 */
class UlaTest {
  private static final int N = 5003;
  private static final double H = 0.07;

  private static void checkRows(double[] a, double[] b) {
    int d = a.length;
    TwoWells e = Energies.twoWells(a, b).withZ(0.4);
    Kernel ula = Kernels.ula(H);
    Rng rng = new Rng(5 + d);
    Chains c = ula.init(e, e.sample(N, rng));
    for (int t = 0; t < 3; t++) { // some weight and motion history first
      ula.transport(e, c, rng);
    }
    double[] x = Batches.toArray(c.positions());
    double[] u = Batches.toArray(c.energies());
    double[] g = Batches.toArray(c.gradients());
    double[] w = Batches.toArray(c.logWeights());
    e.params().putScalar(0, -0.3); // the parameter update between the move and the new evaluation
    ula.transport(e, c, rng);
    double[] y = Batches.toArray(c.positions());
    double[] u2 = Batches.toArray(c.energies());
    double[] g2 = Batches.toArray(c.gradients());
    double[] w2 = Batches.toArray(c.logWeights());
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < N; i++) {
      double fwd = u[i];
      double bwd = u2[i];
      for (int j = 0; j < d; j++) {
        int k = i * d + j;
        double step = y[k] - x[k];
        fwd += 0.5 * step * g[k] + H / 4 * g[k] * g[k];
        bwd += -0.5 * step * g2[k] + H / 4 * g2[k] * g2[k];
        double xi = (step + H * g[k]) / Math.sqrt(2 * H);
        sum += xi;
        sumSq += xi * xi;
      }
      double scale = Math.abs(w[i]) + Math.abs(fwd) + Math.abs(bwd) + 1;
      assertEquals(w[i] + fwd - bwd, w2[i], 1e-12 * scale, "log-weight of row " + i + ", d=" + d);
    }
    double m = N * d;
    assertTrue(Math.abs(sum / m) < 5 / Math.sqrt(m), "noise mean " + sum / m + ", d=" + d);
    assertEquals(1.0, sumSq / m, 5 * Math.sqrt(2 / m), "noise variance, d=" + d);
  }

  @Test
  void oneDimensionalRowsMoveAndReweightByTheUlaFormulas() {
    checkRows(new double[] {-3}, new double[] {2});
  }

  @Test
  void threeDimensionalRowsMoveAndReweightByTheUlaFormulas() {
    checkRows(new double[] {-2, 0, 1}, new double[] {3, 1, -1});
  }
}
