package io.ebm4j.discrete;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully visible Boltzmann machine on x in {0, 1}^n, an exponential family:
 *
 * <pre>
 *   U(x) = - sum_i b_i x_i - sum_{i<j} W_ij x_i x_j
 * </pre>
 *
 * with sufficient statistics x_i and x_i x_j, so dU/db_i = -x_i, dU/dW_ij = -x_i x_j and maximum likelihood matches
 * data moments with model moments (see {@link BoltzmannTraining}). Parameters theta = (b_0..b_{n-1}, W_01, W_02, ...,
 * W_{n-2,n-1}): biases, then the upper triangle row by row. Gradients in x are unsupported (binary states).
 *
 * <pre>{@code
 * BoltzmannMachine bm = BoltzmannMachine.of(new double[] {0.1, -0.2, 0.3}, new double[][] {
 *     {0, 0.5, 0}, {0.5, 0, -0.4}, {0, -0.4, 0}});
 * INDArray stats = bm.moments(data);   // [P]: mean x_i, then mean x_i x_j
 * }</pre>
 */
public final class BoltzmannMachine implements BinaryEnergy, TrainableEnergy {
  private final int n;
  private final INDArray params;

  private BoltzmannMachine(int n, double[] p) {
    this.n = n;
    this.params = Batches.vector(p);
  }

  /** A machine on n sites with all parameters zero (the uniform distribution). */
  public static BoltzmannMachine of(int n) {
    Bin.requirePositive(n, "n");
    return new BoltzmannMachine(n, new double[n + n * (n - 1) / 2]);
  }

  /** A machine with biases b [n] and a symmetric coupling matrix W [n][n] with zero diagonal. */
  public static BoltzmannMachine of(double[] bias, double[][] weights) {
    if (bias == null || bias.length == 0) {
      throw new IllegalArgumentException("bias must be non-empty, got " + (bias == null ? "null" : "length 0"));
    }
    int n = bias.length;
    if (weights == null || weights.length != n) {
      throw new IllegalArgumentException("weights must be [" + n + "][" + n + "], got "
          + (weights == null ? "null" : weights.length + " rows"));
    }
    double[] p = new double[n + n * (n - 1) / 2];
    for (int i = 0; i < n; i++) {
      Bin.requireFinite(bias[i], "bias[" + i + "]");
      p[i] = bias[i];
      if (weights[i] == null || weights[i].length != n) {
        throw new IllegalArgumentException("weights row " + i + " must have length " + n);
      }
      if (weights[i][i] != 0) {
        throw new IllegalArgumentException("weights must have a zero diagonal, got " + weights[i][i] + " at ["
            + i + ", " + i + "]");
      }
      for (int j = i + 1; j < n; j++) {
        Bin.requireFinite(weights[i][j], "weights[" + i + "][" + j + "]");
        if (weights[i][j] != weights[j][i]) {
          throw new IllegalArgumentException("weights must be symmetric, got " + weights[i][j] + " at [" + i + ", "
              + j + "] and " + weights[j][i] + " at [" + j + ", " + i + "]");
        }
        p[pair(n, i, j)] = weights[i][j];
      }
    }
    return new BoltzmannMachine(n, p);
  }

  /** Index in theta of W_ij, i < j. */
  static int pair(int n, int i, int j) {
    return n + i * (2 * n - i - 1) / 2 + (j - i - 1);
  }

  /** Biases b (copy). */
  public double[] bias() {
    double[] p = Bin.values(params);
    return java.util.Arrays.copyOf(p, n);
  }

  /** The symmetric coupling matrix W with zero diagonal (copy). */
  public double[][] weights() {
    return fullWeights(Bin.values(params));
  }

  private double[][] fullWeights(double[] p) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        w[i][j] = p[pair(n, i, j)];
        w[j][i] = w[i][j];
      }
    }
    return w;
  }

  /** Mean sufficient statistics over a validated batch x [N, n]: (mean x_i, then mean x_i x_j for i < j), [P]. */
  public INDArray moments(INDArray x) {
    INDArray xs = encoding().requireStates(x, n, "x");
    INDArray out = Batches.zeros(numParams());
    accumulateParamGradient(xs, null, -1.0 / xs.rows(), out);
    return out;
  }

  @Override
  public int dim() {
    return n;
  }

  @Override
  public Encoding encoding() {
    return Encoding.ZERO_ONE;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[numParams()];
    for (int i = 0; i < n; i++) {
      names[i] = "b" + i;
      for (int j = i + 1; j < n; j++) {
        names[pair(n, i, j)] = "W" + i + "_" + j;
      }
    }
    return names;
  }

  @Override
  public BoltzmannMachine copy() {
    return new BoltzmannMachine(n, Bin.values(params));
  }

  @Override
  public INDArray energy(INDArray x) {
    INDArray xs = encoding().requireStates(x, n, "x");
    INDArray u = Batches.zeros(xs.rows());
    evaluate(xs, u, null);
    return u;
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    Bin.requireNoGradient(g, "BoltzmannMachine");
    final double[] p = Bin.values(params);
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    Par.forRange((int) x.rows(), (ch, from, to) -> {
      double[] row = new double[n];
      for (int i = from; i < to; i++) {
        xb.get(i * n, row);
        double s = 0;
        for (int a = 0; a < n; a++) {
          if (row[a] == 0) {
            continue;
          }
          double f = p[a];
          int base = pair(n, a, a + 1);
          for (int b = a + 1; b < n; b++) {
            f += p[base + b - a - 1] * row[b];
          }
          s -= f * row[a];
        }
        ub.put(i, s);
      }
    });
  }

  @Override
  public Flips flips() {
    final double[] p = Bin.values(params);
    final double[][] w = fullWeights(p);
    return (x, off, site) -> {
      double f = p[site];
      double[] wi = w[site];
      for (int j = 0; j < n; j++) {
        f += wi[j] * x.get(off + j);
      }
      // U(x_i = 1) - U(x_i = 0) = -f
      return x.get(off + site) == 0 ? -f : f;
    };
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    final int rows = (int) x.rows();
    final int p = numParams();
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer wb = w == null ? null : Batches.buffer(w);
    final int k = Par.chunks(rows);
    final double[][] partial = new double[k][p];
    Par.forRange(rows, (ch, from, to) -> {
      double[] acc = partial[ch];
      double[] row = new double[n];
      for (int i = from; i < to; i++) {
        double wi = wb == null ? 1.0 : wb.get(i);
        xb.get(i * n, row);
        for (int a = 0; a < n; a++) {
          double xa = row[a] * wi;
          if (xa == 0) {
            continue;
          }
          acc[a] -= xa;
          int base = pair(n, a, a + 1);
          for (int b = a + 1; b < n; b++) {
            acc[base + b - a - 1] -= xa * row[b];
          }
        }
      }
    });
    double[] total = new double[p];
    for (double[] part : partial) {
      for (int q = 0; q < p; q++) {
        total[q] += part[q];
      }
    }
    Bin.addInto(out, total, scale);
  }
}
