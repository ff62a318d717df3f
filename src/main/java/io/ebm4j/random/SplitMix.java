package io.ebm4j.random;

/**
 * The SplitMix generator of Steele, Lea and Flood ("Fast splittable pseudorandom number generators", OOPSLA 2014,
 * https://doi.org/10.1145/2714064.2660195), drawing the same numbers as the JDK's {@code java.util.SplittableRandom}
 * for the same seed and the same sequence of calls, but with a state that can be read and restored: a checkpoint
 * holds two longs per stream, and a resumed run continues the exact sequence.
 *
 * <p>State: a 64-bit counter {@code seed} advanced by an odd increment {@code gamma} at every draw; outputs are
 * finalising mixes of the counter (the MurmurHash3 / Stafford variant-13 mixers); {@link #split} draws a new seed
 * and a new odd gamma with enough bit transitions.
 *
 * <pre>{@code
 * SplitMix r = new SplitMix(42);
 * double u = r.nextDouble();
 * long[] saved = r.state();
 * SplitMix again = SplitMix.restore(saved);   // continues exactly where r is
 * }</pre>
 */
public final class SplitMix {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  private long seed;
  private long gamma;

  /** A generator from a seed (the increment is the golden gamma). */
  public SplitMix(long seed) {
    this(seed, GOLDEN_GAMMA);
  }

  private SplitMix(long seed, long gamma) {
    this.seed = seed;
    this.gamma = gamma;
  }

  /** The state {seed, gamma}, enough to continue the sequence with {@link #restore}. */
  public long[] state() {
    return new long[] {seed, gamma};
  }

  /** A generator continuing from a state read by {@link #state}; the increment must be odd. */
  public static SplitMix restore(long[] state) {
    if (state == null || state.length != 2 || (state[1] & 1L) == 0) {
      throw new IllegalArgumentException("a SplitMix state is {seed, odd gamma}, got "
          + java.util.Arrays.toString(state));
    }
    return new SplitMix(state[0], state[1]);
  }

  /** Continues from a state read by {@link #state}, in place (references to this generator stay valid). */
  public void set(long[] state) {
    SplitMix r = restore(state);
    this.seed = r.seed;
    this.gamma = r.gamma;
  }

  private long nextSeed() {
    return seed += gamma;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }

  /** An odd increment with at least 24 bit transitions. */
  private static long mixGamma(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    z = (z ^ (z >>> 33)) | 1L;
    int n = Long.bitCount(z ^ (z >>> 1));
    return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
  }

  /** An independent generator; advances this one. */
  public SplitMix split() {
    return new SplitMix(nextLong(), mixGamma(nextSeed()));
  }

  /** A uniform 64-bit value. */
  public long nextLong() {
    return mix64(nextSeed());
  }

  /** A uniform 32-bit value. */
  public int nextInt() {
    return mix32(nextSeed());
  }

  /** Uniform on [0, bound), bound > 0, without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // rejected: u fell in the incomplete last block
    }
    return r;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** A fair coin. */
  public boolean nextBoolean() {
    return nextInt() < 0;
  }
}
