package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Annealed importance sampling (Neal, "Annealed importance sampling", Statistics and Computing 11, 2001) of log Z
 * for an RBM, with the base-rate start of Salakhutdinov and Murray, "On the quantitative analysis of deep belief
 * networks", ICML 2008. The base A has zero weights and visible biases b_A (from data means, or zero); the path is
 * the geometric one between the joint models, which after summing out the hidden units reads
 *
 * <pre>
 *   log p*_beta(v) = ((1 - beta) b_A + beta b).v + sum_j softplus(beta (c_j + W_j.v)),
 *   log Z_0 = sum_k softplus(b_A,k) + n_h log 2,
 * </pre>
 *
 * with p*_1 = e^{-F(v)}. Each of M runs starts at an exact draw of the base, adds log p*_{beta_k}(v) - log
 * p*_{beta_{k-1}}(v) to its log-weight and moves with one block Gibbs sweep of the tempered RBM
 * (h ~ sigmoid(beta (W v + c)), v ~ sigmoid((1 - beta) b_A + beta (b + W^T h))). Then log Z = log Z_0 + log mean e^w.
 * Betas: a fraction 500/14500 of the K steps spaced evenly on [0, 0.5], 4000/14500 on [0.5, 0.9] and the rest on
 * [0.9, 1], the proportions of Salakhutdinov and Murray's schedule.
 *
 * <pre>{@code
 * LogZEstimate est = AnnealedImportanceSampling.of(rbm).baseFrom(data).betas(20_000).runs(100).seed(0).estimate();
 * }</pre>
 */
public final class AnnealedImportanceSampling {
  private final Rbm rbm;
  private double[] baseBias;
  private int betas = 14_500;
  private int runs = 100;
  private long seed;

  private AnnealedImportanceSampling(Rbm rbm) {
    if (rbm == null) {
      throw new IllegalArgumentException("rbm must not be null");
    }
    this.rbm = rbm;
    this.baseBias = new double[rbm.visible()];
  }

  /** AIS for an RBM (its parameters are read when {@link #estimate} runs). */
  public static AnnealedImportanceSampling of(Rbm rbm) {
    return new AnnealedImportanceSampling(rbm);
  }

  /** Base-rate visible biases log(p/(1-p)) from the data's column means p, clipped to [1e-3, 1-1e-3]. */
  public AnnealedImportanceSampling baseFrom(INDArray data) {
    double[] p = Rbm.visibleMeans(Encoding.ZERO_ONE.requireStates(data, rbm.visible(), "data"));
    for (int k = 0; k < p.length; k++) {
      baseBias[k] = Math.log(p[k] / (1 - p[k]));
    }
    return this;
  }

  /** Number K of intermediate distributions (at least 3; default 14500). */
  public AnnealedImportanceSampling betas(int k) {
    if (k < 3) {
      throw new IllegalArgumentException("betas must be at least 3, got " + k);
    }
    this.betas = k;
    return this;
  }

  /** Number M of independent runs (at least 2; default 100). */
  public AnnealedImportanceSampling runs(int m) {
    if (m < 2) {
      throw new IllegalArgumentException("runs must be at least 2, got " + m);
    }
    this.runs = m;
    return this;
  }

  /** Seed of the runs. */
  public AnnealedImportanceSampling seed(long s) {
    this.seed = s;
    return this;
  }

  /** The schedule 0 = beta_0 < ... < beta_K = 1. */
  double[] schedule() {
    int k1 = Math.max(1, (int) Math.round(betas * 500.0 / 14500));
    int k2 = Math.max(1, (int) Math.round(betas * 4000.0 / 14500));
    int k3 = betas - k1 - k2;
    double[] beta = new double[betas + 1];
    for (int k = 0; k <= k1; k++) {
      beta[k] = 0.5 * k / k1;
    }
    for (int k = 1; k <= k2; k++) {
      beta[k1 + k] = 0.5 + 0.4 * k / k2;
    }
    for (int k = 1; k <= k3; k++) {
      beta[k1 + k2 + k] = 0.9 + 0.1 * k / k3;
    }
    beta[betas] = 1.0;
    return beta;
  }

  /** Runs AIS and returns log Z with its standard error. */
  public LogZEstimate estimate() {
    final int nv = rbm.visible();
    final int nh = rbm.hidden();
    final int m = runs;
    final double[] bA = baseBias.clone();
    final double[] b = rbm.visibleBiasValues();
    final double[] c = rbm.hiddenBiasValues();
    final double[] beta = schedule();
    Rng rng = new Rng(seed);
    double logZ0 = nh * Math.log(2);
    for (double x : bA) {
      logZ0 += Bin.softplus(x);
    }
    INDArray v = Batches.zeros(m, nv);
    INDArray pre = Batches.zeros(m, nh);
    INDArray h = Batches.zeros(m, nh);
    INDArray a = Batches.zeros(m, nv);
    final DoubleBuffer vb = Batches.buffer(v);
    final DoubleBuffer pb = Batches.buffer(pre);
    final DoubleBuffer hb = Batches.buffer(h);
    final DoubleBuffer ab = Batches.buffer(a);
    final double[] logW = new double[m];
    Par.forRange(m, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      for (int q = from * nv; q < to * nv; q++) {
        vb.put(q, r.nextDouble() < Bin.sigmoid(bA[q % nv]) ? 1.0 : 0.0);
      }
    });
    for (int k = 1; k <= betas; k++) {
      final double b0 = beta[k - 1];
      final double b1 = beta[k];
      final boolean move = k < betas;
      rbm.hiddenPre(v, pre);
      Par.forRange(m, (ch, from, to) -> {
        SplitMix r = rng.stream(ch);
        for (int i = from; i < to; i++) {
          double dw = 0;
          for (int q = 0; q < nv; q++) {
            dw += (b1 - b0) * (b[q] - bA[q]) * vb.get(i * nv + q);
          }
          for (int j = 0; j < nh; j++) {
            double x = pb.get(i * nh + j);
            dw += Bin.softplus(b1 * x) - Bin.softplus(b0 * x);
            if (move) {
              hb.put(i * nh + j, r.nextDouble() < Bin.sigmoid(b1 * x) ? 1.0 : 0.0);
            }
          }
          logW[i] += dw;
        }
      });
      if (!move) {
        break;
      }
      rbm.visibleProduct(h, a);
      Par.forRange(m, (ch, from, to) -> {
        SplitMix r = rng.stream(ch);
        for (int i = from; i < to; i++) {
          for (int q = 0; q < nv; q++) {
            double x = (1 - b1) * bA[q] + b1 * (b[q] + ab.get(i * nv + q));
            vb.put(i * nv + q, r.nextDouble() < Bin.sigmoid(x) ? 1.0 : 0.0);
          }
        }
      });
    }
    double mx = Double.NEGATIVE_INFINITY;
    for (double w : logW) {
      mx = Math.max(mx, w);
    }
    double s1 = 0;
    double s2 = 0;
    for (double w : logW) {
      double e = Math.exp(w - mx);
      s1 += e;
      s2 += e * e;
    }
    double mean = s1 / m;
    double var = Math.max(0, (s2 / m - mean * mean) * m / (m - 1));
    double se = Math.sqrt(var / m) / mean;
    return new LogZEstimate(logZ0 + mx + Math.log(mean), se, s1 * s1 / (m * s2));
  }
}
