package io.ebm4j.study;

import java.nio.charset.StandardCharsets;

/**
 * How a study's random streams are derived. The rule, the same for every study, engine and thread count:
 * <ol>
 *   <li>every number of a cell depends only on its study, its settings, its arm and its seed, never on its position
 *       in a sweep, on other cells, on threads or on the engine (local or Spark);</li>
 *   <li>the training stream of a cell is its seed itself, shared by the arms of that seed (common random numbers:
 *       differences between arms are not differences between streams);</li>
 *   <li>any other stream (data, initial parameters, initial walkers) is {@code Seeds.stream(study, name, seed)}, a
 *       SplitMix64 hash of the three, so named streams are independent of each other and of the training stream.</li>
 * </ol>
 * The three original studies (two-wells, gmm-50d, mlp-2d) keep the arithmetic derivations they were published with
 * for their data and initial models, so that their tables reproduce bit for bit.
 */
public final class Seeds {
  private Seeds() {}

  /** The seed of the stream {@code name} of a study for a user seed. */
  public static long stream(String study, String name, long seed) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : (study + '\u0000' + name).getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return h;
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
