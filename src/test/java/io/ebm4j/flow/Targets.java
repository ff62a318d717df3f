package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Targets with exact samples and moments for the flow tests. */
final class Targets {
  private Targets() {}

  /** N(mu, Sigma) in any dimension, U(x) = (x - mu)^T Sigma^{-1} (x - mu) / 2, sampled through Cholesky. */
  static final class CorrelatedGaussian implements Energy {
    final double[] mu;
    final double[][] cov;
    private final double[][] prec;
    private final double[][] chol;
    private final int d;

    CorrelatedGaussian(double[] mu, double[][] cov) {
      this.d = mu.length;
      this.mu = mu.clone();
      this.cov = cov;
      this.chol = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          double s = cov[i][j];
          for (int k = 0; k < j; k++) {
            s -= chol[i][k] * chol[j][k];
          }
          chol[i][j] = i == j ? Math.sqrt(s) : s / chol[j][j];
        }
      }
      // Sigma^{-1} = L^{-T} L^{-1}
      double[][] linv = new double[d][d];
      for (int c = 0; c < d; c++) {
        for (int i = 0; i < d; i++) {
          double s = i == c ? 1 : 0;
          for (int k = 0; k < i; k++) {
            s -= chol[i][k] * linv[k][c];
          }
          linv[i][c] = s / chol[i][i];
        }
      }
      prec = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double s = 0;
          for (int k = 0; k < d; k++) {
            s += linv[k][i] * linv[k][j];
          }
          prec[i][j] = s;
        }
      }
    }

    /** log Z = log((2 pi)^{d/2} det(Sigma)^{1/2}). */
    double logZ() {
      double s = 0.5 * d * Math.log(2 * Math.PI);
      for (int i = 0; i < d; i++) {
        s += Math.log(chol[i][i]);
      }
      return s;
    }

    @Override
    public int dim() {
      return d;
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer gb = g == null ? null : Batches.buffer(g);
      int n = (int) x.rows();
      double[] r = new double[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          r[j] = xb.get(i * d + j) - mu[j];
        }
        double e = 0;
        for (int j = 0; j < d; j++) {
          double pr = 0;
          for (int k = 0; k < d; k++) {
            pr += prec[j][k] * r[k];
          }
          e += 0.5 * r[j] * pr;
          if (gb != null) {
            gb.put(i * d + j, pr);
          }
        }
        ub.put(i, e);
      }
    }

    INDArray sample(int n, Rng rng) {
      INDArray z = Batches.zeros(n, d);
      DoubleBuffer zb = Batches.buffer(z);
      rng.fillNormal(zb, n * d);
      double[] e = new double[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          e[j] = zb.get(i * d + j);
        }
        for (int j = 0; j < d; j++) {
          double s = mu[j];
          for (int k = 0; k <= j; k++) {
            s += chol[j][k] * e[k];
          }
          zb.put(i * d + j, s);
        }
      }
      return z;
    }
  }

  /**
   * The 2-D mixture of four isotropic Gaussians of standard deviation sd at (+-c, +-c) with weights w[0..3] for the
   * modes (-c,-c), (-c,+c), (+c,-c), (+c,+c): U(x) = -log sum_k w_k N(x; m_k, sd^2 I) (normalised, log Z = 0).
   */
  static final class FourModes implements Energy {
    final double c;
    final double sd;
    final double[] w;

    FourModes(double c, double sd, double[] w) {
      this.c = c;
      this.sd = sd;
      this.w = w.clone();
    }

    double mx(int k) {
      return k < 2 ? -c : c;
    }

    double my(int k) {
      return k % 2 == 0 ? -c : c;
    }

    /** Mode index of a point: its quadrant. */
    static int quadrant(double x, double y) {
      return (x < 0 ? 0 : 2) + (y < 0 ? 0 : 1);
    }

    @Override
    public int dim() {
      return 2;
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer gb = g == null ? null : Batches.buffer(g);
      int n = (int) x.rows();
      double v = sd * sd;
      double[] l = new double[4];
      for (int i = 0; i < n; i++) {
        double x0 = xb.get(2 * i);
        double x1 = xb.get(2 * i + 1);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 4; k++) {
          double a = x0 - mx(k);
          double b = x1 - my(k);
          l[k] = Math.log(w[k]) - (a * a + b * b) / (2 * v) - Math.log(2 * Math.PI * v);
          max = Math.max(max, l[k]);
        }
        double s = 0;
        for (int k = 0; k < 4; k++) {
          l[k] = Math.exp(l[k] - max);
          s += l[k];
        }
        ub.put(i, -(max + Math.log(s)));
        if (gb != null) {
          double g0 = 0;
          double g1 = 0;
          for (int k = 0; k < 4; k++) {
            double r = l[k] / s;
            g0 += r * (x0 - mx(k)) / v;
            g1 += r * (x1 - my(k)) / v;
          }
          gb.put(2 * i, g0);
          gb.put(2 * i + 1, g1);
        }
      }
    }

    INDArray sample(int n, Rng rng) {
      INDArray x = Batches.zeros(n, 2);
      DoubleBuffer xb = Batches.buffer(x);
      for (int i = 0; i < n; i++) {
        double r = rng.uniform();
        int k = 0;
        double cum = w[0];
        while (k < 3 && r >= cum) {
          k++;
          cum += w[k];
        }
        xb.put(2 * i, mx(k) + sd * rng.normal());
        xb.put(2 * i + 1, my(k) + sd * rng.normal());
      }
      return x;
    }
  }

  /** Column means of x [N, d]. */
  static double[] mean(INDArray x) {
    return Batches.toArray(x.mean(0));
  }

  /** Sample covariance (divisor N) of x [N, d]. */
  static double[][] cov(INDArray x) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    double[] m = mean(x);
    double[][] c = new double[d][d];
    DoubleBuffer xb = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a][b] += (xb.get(i * d + a) - m[a]) * (xb.get(i * d + b) - m[b]) / n;
        }
      }
    }
    return c;
  }
}
