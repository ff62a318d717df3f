package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two values a binary site takes: {0, 1} (Boltzmann machines, RBMs) or {-1, +1} (Ising spins). States are
 * batches [N, n] of doubles holding only these values.
 */
public enum Encoding {
  /** Sites in {0, 1}. */
  ZERO_ONE(0.0, 1.0),
  /** Ising spins in {-1, +1}. */
  PLUS_MINUS_ONE(-1.0, 1.0);

  private final double low;
  private final double high;

  Encoding(double low, double high) {
    this.low = low;
    this.high = high;
  }

  /** The "off" value (0 or -1). */
  public double low() {
    return low;
  }

  /** The "on" value, 1. */
  public double high() {
    return high;
  }

  /** The other value of a site. */
  public double flip(double x) {
    return low + high - x;
  }

  /** The value of bit {@code on}. */
  public double value(boolean on) {
    return on ? high : low;
  }

  /**
   * Validates a batch of states: shape [N, n], every entry one of the two values. Returns a dense double array (a copy
   * when the input is not dense already).
   */
  public INDArray requireStates(INDArray x, int n, String name) {
    INDArray a = Batches.requireBatch(x, n, name);
    DoubleBuffer b = Batches.buffer(a);
    long len = a.length();
    for (int k = 0; k < len; k++) {
      double v = b.get(k);
      if (v != low && v != high) {
        throw new IllegalArgumentException(name + " must hold only " + (int) low + " and " + (int) high + ", got " + v
            + " at [" + k / n + ", " + k % n + "]");
      }
    }
    return a;
  }
}
