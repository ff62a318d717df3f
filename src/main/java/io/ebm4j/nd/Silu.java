package io.ebm4j.nd;

/**
 * SiLU (swish), sigma(z) = z / (1 + e^{-z}), with its first three derivatives over a block of floats: the elementwise
 * step of a single-precision neural energy's forward pass, where one exponential per hidden unit per row is the
 * dominant cost after the matrix products. With s = 1 / (1 + e^{-z}) and q = s (1 - s):
 *
 * <pre>
 *   sigma = z s,   sigma' = s + z q,   sigma'' = q (2 + z (1 - 2 s)),   sigma''' = q (3 (1 - 2 s) + z (1 - 6 q))
 * </pre>
 *
 * s is {@link Sigmoid}'s float logistic function (within about 1e-7 of the exact one). Like it, every step is an IEEE
 * add, multiply, divide, min, max or bit operation, never a fused multiply-add, so the scalar loop and the Vector API
 * loop (used once the {@code jdk.incubator.vector} module is present and {@link WarmUp} has compiled it) give the same
 * bits.
 *
 * <pre>{@code
 * float[] z = {-1f, 0f, 2f}, bias = {0f, 0f, 0f};
 * float[] a = new float[3], d1 = new float[3];
 * Silu.apply(z, bias, 3, a, d1, null, null);   // a = {-0.2689, 0, 1.7616}, d1 = sigma'(z)
 * }</pre>
 */
public final class Silu {
  private static final WarmUp WARM = detect() ? WarmUp.start("silu", Silu::warmUpCall) : null;
  private static float[][] scratch;

  private Silu() {}

  private static boolean detect() {
    try {
      return WarmUp.vectorApi() && VectorSilu.usable();
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * For k in [0, n), with x = z[k] + bias[k]: a[k] = sigma(x), d1[k] = sigma'(x), and where not null d2[k] =
   * sigma''(x) and d3[k] = sigma'''(x) (d3 only when d2 is not null). z may be the same array as a.
   */
  public static void apply(float[] z, float[] bias, int n, float[] a, float[] d1, float[] d2, float[] d3) {
    if (n < 0 || n > z.length || n > bias.length || n > a.length || n > d1.length
        || (d2 != null && n > d2.length) || (d2 != null && d3 != null && n > d3.length)) {
      throw new IllegalArgumentException("n must be in [0, every array's length], got " + n);
    }
    int order = d2 == null ? 1 : d3 == null ? 2 : 3;
    if (WARM != null && WARM.done()) {
      VectorSilu.apply(z, bias, n, a, d1, d2, d3, order);
    } else {
      scalar(z, bias, 0, n, a, d1, d2, d3, order);
    }
  }

  /** Loads this class, which starts compiling the vector loop in the background. */
  public static void prepare() {
    // class initialisation starts the warm-up
  }

  /** Whether calls now take the Vector API loop. */
  public static boolean vectorised() {
    return WARM != null && WARM.done();
  }

  /** The scalar loop over [from, n), the reference the vector loop matches bit for bit. */
  static void scalar(float[] z, float[] bias, int from, int n, float[] a, float[] d1, float[] d2, float[] d3,
      int order) {
    for (int k = from; k < n; k++) {
      float x = z[k] + bias[k];
      float s = Sigmoid.of(x);
      float q = s * (1f - s);
      a[k] = x * s;
      d1[k] = s + x * q;
      if (order >= 2) {
        float u = 1f - 2f * s;
        d2[k] = q * (2f + x * u);
        if (order == 3) {
          d3[k] = q * (3f * u + x * (1f - 6f * q));
        }
      }
    }
  }

  /** The warm-up's work: every order on a small block (calls before compilation are slow). */
  private static void warmUpCall() {
    if (scratch == null) {
      scratch = new float[5][32];
      for (int i = 0; i < 32; i++) {
        scratch[0][i] = (i - 16) * 0.4f;
      }
    }
    float[][] s = scratch;
    VectorSilu.apply(s[0], s[1], 32, s[1], s[2], s[3], s[4], 3);
    VectorSilu.apply(s[0], s[1], 32, s[1], s[2], null, null, 1);
    java.util.Arrays.fill(s[1], 0f);
  }
}
