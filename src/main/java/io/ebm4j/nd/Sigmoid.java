package io.ebm4j.nd;

/**
 * The logistic function sigma(a) = 1 / (1 + e^{-a}) over blocks of a float array, for the fused single-precision loops
 * of binary models (RBM hidden and visible probabilities), where one sigmoid per unit per row is the dominant cost.
 *
 * <p>e^{-a} is computed in float by Cody-Waite range reduction, -a = n ln 2 + r with |r| <= ln 2 / 2, a degree-7
 * Taylor polynomial for e^r and 2^n assembled in the exponent bits; -a is first clamped to [-87, 87], so the result
 * is finite and within about 1e-7 of the exact logistic function everywhere (and 0 or 1 to float precision beyond the
 * clamp). Every step is an IEEE add, multiply, divide, min, max or bit operation, never a fused multiply-add, so the
 * scalar loop and the Vector API loop (used where the {@code jdk.incubator.vector} module is present) give the same
 * bits: a seeded run gives the same numbers with or without the module, before and after the JIT compiles it.
 *
 * <p>The vector loop is compiled in the background ({@link WarmUp}) from the first call on; until then callers take the
 * scalar loop, which gives the same bits.
 *
 * <pre>{@code
 * float[] a = {-2f, 0f, 3f};
 * Sigmoid.apply(a, 0, a.length);   // a = {0.1192, 0.5, 0.9526}
 * }</pre>
 */
public final class Sigmoid {
  static final float LOG2E = 1.44269504f;
  /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
  static final float ROUND = 12582912f;
  static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
  /** ln 2 split so that n * LN2_HI is exact for |n| < 2^9. */
  static final float LN2_HI = 0.693359375f;
  static final float LN2_LO = -2.12194440e-4f;
  static final float CLAMP = 87f;
  static final float C2 = 1f / 2;
  static final float C3 = 1f / 6;
  static final float C4 = 1f / 24;
  static final float C5 = 1f / 120;
  static final float C6 = 1f / 720;
  static final float C7 = 1f / 5040;
  private static float[] scratch;

  private Sigmoid() {}

  private static boolean detect() {
    try {
      return WarmUp.vectorApi() && VectorSigmoid.usable();
    } catch (Throwable t) {
      return false;
    }
  }

  /** a[i] = 1 / (1 + e^{-a[i]}) for i in [off, off + n), in place. */
  public static void apply(float[] a, int off, int n) {
    if (off < 0 || n < 0 || off + n > a.length) {
      throw new IllegalArgumentException("block [" + off + ", " + (off + n) + ") is outside an array of length "
          + a.length);
    }
    if (Warm.done()) {
      VectorSigmoid.apply(a, off, n);
    } else {
      scalar(a, off, n);
    }
  }

  /**
   * Starts compiling the vector loop in the background; optional (the first call does it), but calling it early lets
   * the compilation overlap other start-up work.
   */
  public static void prepare() {
    Warm.done();
  }

  /** Whether calls now take the Vector API loop (the module is present and the loop has been compiled). */
  public static boolean vectorised() {
    return Warm.done();
  }

  /**
   * The warm-up, started when this holder class loads: on the first {@link #apply}, not when {@link Silu} borrows
   * {@link #of} and the constants.
   */
  private static final class Warm {
    private static final WarmUp WARM = detect() ? WarmUp.start("sigmoid", Sigmoid::warmUpCall) : null;

    static boolean done() {
      return WARM != null && WARM.done();
    }
  }

  /** The scalar loop, the reference the vector loop matches bit for bit. */
  static void scalar(float[] a, int off, int n) {
    for (int i = off; i < off + n; i++) {
      a[i] = of(a[i]);
    }
  }

  /** sigma(a) for one value, by the operations of the vector loop in the same order. */
  static float of(float a) {
    float x = Math.min(Math.max(-a, -CLAMP), CLAMP);
    float t = x * LOG2E + ROUND;
    float n = t - ROUND;
    float r = x - n * LN2_HI - n * LN2_LO;
    float p = (((((r * C7 + C6) * r + C5) * r + C4) * r + C3) * r + C2) * r * r + r + 1f;
    float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_BITS + 127) << 23);
    return 1f / (p * scale + 1f);
  }

  /** One call of the vector loop on 16 values (the warm-up's work: small, as calls before compilation are slow). */
  private static void warmUpCall() {
    if (scratch == null) {
      scratch = new float[16];
    }
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = (i - 8) * 0.5f;
    }
    VectorSigmoid.apply(scratch, 0, scratch.length);
  }
}
