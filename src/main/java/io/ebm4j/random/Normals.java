package io.ebm4j.random;

import java.util.SplittableRandom;

/**
 * Standard normals from one stream, using both values of each polar pair (one log and one sqrt per two draws). Made
 * per chunk inside a {@link io.ebm4j.nd.Par} loop, so the draws depend only on the chunk's stream.
 */
public final class Normals {
  private final SplittableRandom r;
  private double spare;
  private boolean hasSpare;

  public Normals(SplittableRandom r) {
    this.r = r;
  }

  /** The next standard normal. */
  public double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * r.nextDouble() - 1;
      v = 2 * r.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }
}
