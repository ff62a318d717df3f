package io.ebm4j.estimate;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Frechet (2-Wasserstein) distance between Gaussians fitted to two samples of features,
 *
 * <pre>
 *   FD^2 = |mu_1 - mu_2|^2 + tr(S_1 + S_2 - 2 (S_1^{1/2} S_2 S_1^{1/2})^{1/2}),
 * </pre>
 *
 * the quantity behind the FID of Heusel, Ramsauer, Unterthiner, Nessler, Hochreiter ("GANs Trained by a Two
 * Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017, https://arxiv.org/abs/1706.08500) when
 * the features are those of a fixed classifier. Matrix square roots come from a cyclic Jacobi eigendecomposition of
 * the symmetric matrices (feature dimensions are small).
 *
 * <pre>{@code
 * double fd2 = FrechetDistance.squared(featuresOfSamples, featuresOfHeldOut);
 * }</pre>
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** FD^2 between Gaussian fits (sample means, unbiased covariances) of x [n, p] and y [m, p]. */
  public static double squared(INDArray x, INDArray y) {
    INDArray[] s = Pairwise.require(x, y);
    int p = (int) s[0].columns();
    double[] m1 = new double[p];
    double[] m2 = new double[p];
    double[][] c1 = moments(s[0], m1);
    double[][] c2 = moments(s[1], m2);
    return squared(m1, c1, m2, c2);
  }

  /** FD^2 between N(m1, c1) and N(m2, c2) (covariances symmetric positive semi-definite). */
  public static double squared(double[] m1, double[][] c1, double[] m2, double[][] c2) {
    int p = m1.length;
    if (m2.length != p || c1.length != p || c2.length != p) {
      throw new IllegalArgumentException("means and covariances must share dimension " + p + ", got " + m2.length
          + ", " + c1.length + ", " + c2.length);
    }
    double mean = 0;
    double trace = 0;
    for (int j = 0; j < p; j++) {
      mean += (m1[j] - m2[j]) * (m1[j] - m2[j]);
      trace += c1[j][j] + c2[j][j];
    }
    double[][] r = sqrtPsd(c1);
    double[][] inner = multiply(multiply(r, c2), r);
    symmetrize(inner);
    double[] eig = Jacobi.eigen(inner, null);
    double cross = 0;
    for (double e : eig) {
      cross += Math.sqrt(Math.max(0, e));
    }
    return mean + trace - 2 * cross;
  }

  private static double[][] moments(INDArray x, double[] mean) {
    int n = (int) x.rows();
    int p = mean.length;
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        mean[j] += b.get(i * p + j);
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= n;
    }
    INDArray centred = x.dup('c');
    DoubleBuffer cb = Batches.buffer(centred);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        cb.put(i * p + j, cb.get(i * p + j) - mean[j]);
      }
    }
    INDArray cov = centred.transpose().mmul(centred).divi(n - 1);
    double[][] c = cov.toDoubleMatrix();
    symmetrize(c);
    return c;
  }

  /** The symmetric PSD square root V diag(sqrt(max(l, 0))) V^T. */
  static double[][] sqrtPsd(double[][] a) {
    int p = a.length;
    double[][] v = new double[p][p];
    double[][] copy = new double[p][];
    for (int i = 0; i < p; i++) {
      copy[i] = a[i].clone();
    }
    double[] l = Jacobi.eigen(copy, v);
    double[][] r = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += v[i][k] * Math.sqrt(Math.max(0, l[k])) * v[j][k];
        }
        r[i][j] = s;
      }
    }
    return r;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int p = a.length;
    double[][] c = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        double aik = a[i][k];
        for (int j = 0; j < p; j++) {
          c[i][j] += aik * b[k][j];
        }
      }
    }
    return c;
  }

  private static void symmetrize(double[][] a) {
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        double m = 0.5 * (a[i][j] + a[j][i]);
        a[i][j] = m;
        a[j][i] = m;
      }
    }
  }
}
