package io.ebm4j.nn;

import io.ebm4j.nd.VecMath;

/**
 * Smooth (or piecewise smooth) activations with their first three derivatives. The value and the first derivative
 * serve energies and input gradients; the second derivative serves the input-Hessian terms of score matching; the
 * third serves the parameter gradient of those terms (d/dtheta of a Laplacian of U brings one more derivative).
 *
 * <pre>{@code
 * Activation.SILU.value(1.0);  // 1 / (1 + e^-1) = 0.7311
 * Activation.TANH.d2(0.5);     // -2 tanh(0.5) (1 - tanh(0.5)^2)
 * }</pre>
 *
 * ELU (alpha = 1) has a jump in its second derivative at 0 and LeakyReLU (slope 0.01) in its first; there the
 * one-sided value for z > 0 is used.
 */
public enum Activation {
  /** z * sigmoid(z) (swish). */
  SILU {
    @Override
    public double value(double z) {
      return z * sigmoid(z);
    }

    @Override
    public double d1(double z) {
      double s = sigmoid(z);
      return s * (1 + z * (1 - s));
    }

    @Override
    public double d2(double z) {
      double s = sigmoid(z);
      return s * (1 - s) * (2 + z * (1 - 2 * s));
    }

    @Override
    public double d3(double z) {
      double s = sigmoid(z);
      return s * (1 - s) * (3 * (1 - 2 * s) + z * (1 - 6 * s + 6 * s * s));
    }

    @Override
    void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3) {
      // e^{-z} for the whole row at once (vectorised), staged in s1
      for (int k = 0; k < n; k++) {
        s1[off + k] = -(zs.get(off + k) + bias[k]);
      }
      VecMath.exp(s1, off, n);
      for (int k = 0; k < n; k++) {
        double z = zs.get(off + k) + bias[k];
        double s = 1.0 / (1.0 + s1[off + k]);
        double q = s * (1 - s);
        a.put(off + k, z * s);
        s1[off + k] = s + z * q;
        if (s2 != null) {
          s2[off + k] = q * (2 + z * (1 - 2 * s));
          if (s3 != null) {
            s3[off + k] = q * (3 * (1 - 2 * s) + z * (1 - 6 * q));
          }
        }
      }
    }
  },
  /** log(1 + e^z). */
  SOFTPLUS {
    @Override
    public double value(double z) {
      return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    @Override
    public double d1(double z) {
      return sigmoid(z);
    }

    @Override
    public double d2(double z) {
      double s = sigmoid(z);
      return s * (1 - s);
    }

    @Override
    public double d3(double z) {
      double s = sigmoid(z);
      return s * (1 - s) * (1 - 2 * s);
    }

    @Override
    void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3) {
      // e^{-|z|} for the whole row at once (vectorised), staged in s1
      for (int k = 0; k < n; k++) {
        s1[off + k] = -Math.abs(zs.get(off + k) + bias[k]);
      }
      VecMath.exp(s1, off, n);
      for (int k = 0; k < n; k++) {
        double z = zs.get(off + k) + bias[k];
        double e = s1[off + k];
        double s = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        a.put(off + k, Math.max(z, 0) + Math.log1p(e));
        s1[off + k] = s;
        if (s2 != null) {
          double q = s * (1 - s);
          s2[off + k] = q;
          if (s3 != null) {
            s3[off + k] = q * (1 - 2 * s);
          }
        }
      }
    }
  },
  /** tanh(z). */
  TANH {
    @Override
    public double value(double z) {
      return Math.tanh(z);
    }

    @Override
    public double d1(double z) {
      double t = Math.tanh(z);
      return 1 - t * t;
    }

    @Override
    public double d2(double z) {
      double t = Math.tanh(z);
      return -2 * t * (1 - t * t);
    }

    @Override
    public double d3(double z) {
      double t = Math.tanh(z);
      return -2 * (1 - t * t) * (1 - 3 * t * t);
    }

    @Override
    void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3) {
      for (int k = 0; k < n; k++) {
        double z = zs.get(off + k) + bias[k];
        double t = Math.tanh(z);
        double q = 1 - t * t;
        a.put(off + k, t);
        s1[off + k] = q;
        if (s2 != null) {
          s2[off + k] = -2 * t * q;
          if (s3 != null) {
            s3[off + k] = -2 * q * (1 - 3 * t * t);
          }
        }
      }
    }
  },
  /** z for z > 0, e^z - 1 otherwise (alpha = 1). */
  ELU {
    @Override
    public double value(double z) {
      return z > 0 ? z : Math.expm1(z);
    }

    @Override
    public double d1(double z) {
      return z > 0 ? 1 : Math.exp(z);
    }

    @Override
    public double d2(double z) {
      return z > 0 ? 0 : Math.exp(z);
    }

    @Override
    public double d3(double z) {
      return z > 0 ? 0 : Math.exp(z);
    }

    @Override
    void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3) {
      for (int k = 0; k < n; k++) {
        double z = zs.get(off + k) + bias[k];
        if (z > 0) {
          a.put(off + k, z);
          s1[off + k] = 1;
          if (s2 != null) {
            s2[off + k] = 0;
            if (s3 != null) {
              s3[off + k] = 0;
            }
          }
        } else {
          double e = Math.exp(z);
          a.put(off + k, Math.expm1(z));
          s1[off + k] = e;
          if (s2 != null) {
            s2[off + k] = e;
            if (s3 != null) {
              s3[off + k] = e;
            }
          }
        }
      }
    }
  },
  /** z for z > 0, 0.01 z otherwise. */
  LEAKY_RELU {
    @Override
    public double value(double z) {
      return z > 0 ? z : LEAK * z;
    }

    @Override
    public double d1(double z) {
      return z > 0 ? 1 : LEAK;
    }

    @Override
    public double d2(double z) {
      return 0;
    }

    @Override
    public double d3(double z) {
      return 0;
    }

    @Override
    void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3) {
      for (int k = 0; k < n; k++) {
        double z = zs.get(off + k) + bias[k];
        boolean pos = z > 0;
        a.put(off + k, pos ? z : LEAK * z);
        s1[off + k] = pos ? 1 : LEAK;
        if (s2 != null) {
          s2[off + k] = 0;
          if (s3 != null) {
            s3[off + k] = 0;
          }
        }
      }
    }
  };

  /** Negative-side slope of {@link #LEAKY_RELU}. */
  public static final double LEAK = 0.01;

  /** sigma(z). */
  public abstract double value(double z);

  /** sigma'(z). */
  public abstract double d1(double z);

  /** sigma''(z). */
  public abstract double d2(double z);

  /** sigma'''(z). */
  public abstract double d3(double z);

  /**
   * The fused kernel of a forward pass: for k in [0, n), z = zs[off + k] + bias[k]; writes a[off + k] =
   * sigma(z) and s1[off + k] = sigma'(z), and when not null s2 = sigma''(z) and (if s2 is not null) s3 = sigma'''(z).
   */
  abstract void apply(Vec zs, double[] bias, Vec a, int off, int n, double[] s1, double[] s2, double[] s3);

  /** Whether He (fan-in) rather than Glorot (fan-in + fan-out) scaling suits this activation. */
  boolean prefersHeInit() {
    return this == SILU || this == ELU || this == LEAKY_RELU;
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
