package io.ebm4j.nd;

/**
 * Exponentials and logarithms over blocks of a double array, the cost that dominates the fused loops of mixture
 * energies, Langevin kernels and importance weights (one or two {@code exp} per walker per step).
 *
 * <p>e^x is computed as in fdlibm's {@code e_exp.c}: x is clamped to [-746, 710] (beyond, the result is 0 or
 * infinity either way), reduced as x = k ln 2 + r with |r| &lt;= ln 2 / 2 (Cody-Waite, ln 2 split in two), and
 * e^r = 1 + r + r c / (2 - c) with c = r - r^2 (P1 + r^2 P2 + ... + r^8 P5), a rational form whose error is below
 * one ulp; 2^k is applied as two exact powers of two, so subnormal results round once, as {@link StrictMath#exp}
 * does. Two differences from fdlibm: k is rounded to nearest-even by adding 1.5 * 2^52 (no float-to-int conversion,
 * which AVX2 lacks), and no case is split off by magnitude. Every step is an IEEE add, subtract, multiply, divide,
 * min, max or integer bit operation, never a fused multiply-add, so the scalar loop and the Vector API loop (used
 * where the {@code jdk.incubator.vector} module is present, once {@link WarmUp} has compiled it) give the same bits:
 * a seeded run gives the same numbers with or without the module, before and after the JIT compiles it.
 *
 * <p>log x is computed as in fdlibm's {@code e_log.c}: x = 2^k m with m in [sqrt(2)/2, sqrt(2)) read from the bits
 * (subnormal x scaled by 2^54 first, by the scalar code, as are the special values), f = m - 1, s = f / (2 + f) and log(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2)))
 * with fdlibm's degree-14 polynomial R, then k ln 2 added in two parts; below one ulp. Zero gives -infinity, negative
 * numbers and NaN give NaN, +infinity gives +infinity. The same rules as for exp make both loops agree bit for bit.
 *
 * <pre>{@code
 * double[] block = {-1.0, 0.0, 2.5};
 * VecMath.exp(block, block.length);   // block[i] = e^{block[i]}
 * VecMath.log(block, 0, block.length);   // back to {-1.0, 0.0, 2.5}, within an ulp or two
 * }</pre>
 */
public final class VecMath {
  /** Block length the fused loops use for their scratch arrays (fits L1 with a few companions). */
  public static final int BLOCK = 256;
  static final double INV_LN2 = 1.44269504088896338700e+00;
  /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low mantissa bits. */
  static final double ROUND = 0x1.8p52;
  static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  /** ln 2 split so that k * LN2_HI is exact for the k that occur (|k| &lt; 2^11). */
  static final double LN2_HI = 6.93147180369123816490e-01;
  static final double LN2_LO = 1.90821492927058770002e-10;
  static final double P1 = 1.66666666666666019037e-01;
  static final double P2 = -2.77777777770155933842e-03;
  static final double P3 = 6.61375632143793436117e-05;
  static final double P4 = -1.65339022054652515390e-06;
  static final double P5 = 4.13813679705723846039e-08;
  static final double MIN = -746;
  static final double MAX = 710;
  static final double LG1 = 6.666666666666735130e-01;
  static final double LG2 = 3.999999999940941908e-01;
  static final double LG3 = 2.857142874366239149e-01;
  static final double LG4 = 2.222219843214978396e-01;
  static final double LG5 = 1.818357216161805012e-01;
  static final double LG6 = 1.531383769920937332e-01;
  static final double LG7 = 1.479819860511658591e-01;
  /** Added to a mantissa, carries into bit 52 exactly when the mantissa is at least about sqrt(2) (fdlibm's 0x95f64). */
  static final long SQRT2_CARRY = 0x95f64L << 32;
  static final long EXPONENT_LSB = 1L << 52;
  static final double TWO54 = 0x1p54;
  static final long MANTISSA = 0x000fffffffffffffL;
  static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
  /** Offset that makes k + OFFSET non-negative for every k that occurs, so halving it is a logical shift. */
  static final long OFFSET = 2048;
  private static double[] scratch;

  private VecMath() {}

  private static boolean detect() {
    try {
      return WarmUp.vectorApi() && VectorExp.usable();
    } catch (Throwable t) {
      return false;
    }
  }

  /** Whether calls now take the Vector API loop (the module is present and the loop has been compiled). */
  public static boolean vectorised() {
    return Warm.done();
  }

  /**
   * Starts compiling the vector loop in the background; optional (the first call does it), but calling it early lets
   * the compilation overlap other start-up work.
   */
  public static void prepare() {
    Warm.done();
  }

  /** v[i] = e^{v[i]} for i in [0, n), in place. */
  public static void exp(double[] v, int n) {
    exp(v, 0, n);
  }

  /** v[i] = e^{v[i]} for i in [off, off + n), in place. */
  public static void exp(double[] v, int off, int n) {
    requireBlock(v, off, n);
    if (Warm.done()) {
      VectorExp.exp(v, off, n);
    } else {
      scalarExp(v, off, n);
    }
  }

  private static void requireBlock(double[] v, int off, int n) {
    if (off < 0 || n < 0 || off + n > v.length) {
      throw new IllegalArgumentException("block [" + off + ", " + (off + n) + ") is outside an array of length "
          + v.length);
    }
  }

  /** v[i] = log(v[i]) for i in [off, off + n), in place. */
  public static void log(double[] v, int off, int n) {
    requireBlock(v, off, n);
    if (Warm.done()) {
      VectorLog.log(v, off, n);
    } else {
      scalarLog(v, off, n);
    }
  }

  /** The scalar loop, the reference the vector loop matches bit for bit. */
  static void scalarLog(double[] v, int off, int n) {
    for (int i = off; i < off + n; i++) {
      v[i] = log(v[i]);
    }
  }

  /** log x for one value: {@link #logNormal} for positive normal x, the special cases otherwise. */
  public static double log(double x) {
    if (x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE) {
      return logNormal(Double.doubleToRawLongBits(x), 0);
    }
    if (x > 0 && x < Double.MIN_NORMAL) {
      return logNormal(Double.doubleToRawLongBits(x * TWO54), -54); // subnormal: scaled into the normal range
    }
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return x == Double.POSITIVE_INFINITY ? x : Double.NaN; // negative numbers and NaN
  }

  /**
   * log(2^shift x) for the positive normal x with these bits, by the operations of the vector loop in the same order.
   * The reduction is fdlibm's: adding 0x95f64 to the top of the mantissa carries into the exponent exactly when the
   * mantissa is at least sqrt(2), and then m is halved and k raised by one, both by bit operations.
   */
  static double logNormal(long bits, long shift) {
    long mant = bits & MANTISSA;
    long carry = (mant + SQRT2_CARRY) & EXPONENT_LSB;
    double m = Double.longBitsToDouble(mant | (ONE_BITS ^ carry));
    double k = Double.longBitsToDouble((bits >>> 52) - 1023 + (carry >>> 52) + shift + ROUND_BITS) - ROUND;
    double f = m - 1.0;
    double hfsq = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s;
    double w = z * z;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    double r = t2 + t1;
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }

  /** The scalar loop, the reference the vector loop matches bit for bit. */
  static void scalarExp(double[] v, int off, int n) {
    for (int i = off; i < off + n; i++) {
      v[i] = exp(v[i]);
    }
  }

  /** e^x for one value, by the operations of the vector loop in the same order. */
  public static double exp(double x) {
    double y = Math.min(Math.max(x, MIN), MAX);
    double t = y * INV_LN2 + ROUND;
    double k = t - ROUND;
    double hi = y - k * LN2_HI;
    double lo = k * LN2_LO;
    double r = hi - lo;
    double r2 = r * r;
    double c = r - r2 * (P1 + r2 * (P2 + r2 * (P3 + r2 * (P4 + r2 * P5))));
    double e = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    long kb = Double.doubleToRawLongBits(t) - ROUND_BITS + OFFSET;
    long k1 = (kb >>> 1) - (OFFSET >>> 1);
    long k2 = kb - OFFSET - k1;
    return e * Double.longBitsToDouble((k1 + 1023) << 52) * Double.longBitsToDouble((k2 + 1023) << 52);
  }

  /** The warm-up, started when this holder class loads (on the first call). */
  private static final class Warm {
    private static final WarmUp WARM = detect() ? WarmUp.start("exp", VecMath::warmUpCall) : null;

    static boolean done() {
      return WARM != null && WARM.done();
    }
  }

  /** One call of the vector loop on 16 values (the warm-up's work: small, as calls before compilation are slow). */
  private static void warmUpCall() {
    if (scratch == null) {
      scratch = new double[16];
    }
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = (i - 8) * 0.5;
    }
    VectorExp.exp(scratch, 0, scratch.length);
    VectorLog.log(scratch, 0, scratch.length);
  }
}
