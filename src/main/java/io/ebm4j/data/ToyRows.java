package io.ebm4j.data;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared sampling loop of the toys: rows are drawn in Par chunks, chunk c from the Rng's sub-stream c. */
final class ToyRows {
  private ToyRows() {}

  /** Draws one point into out[2i], out[2i+1] from r. */
  @FunctionalInterface
  interface Draw {
    void draw(SplitMix r, DoubleBuffer out, int i);
  }

  static INDArray sample(int n, Rng rng, Draw draw) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    INDArray x = Batches.zeros(n, 2);
    DoubleBuffer b = Batches.buffer(x);
    Par.forRange(n, (c, from, to) -> {
      SplitMix r = rng.stream(c);
      for (int i = from; i < to; i++) {
        draw.draw(r, b, i);
      }
    });
    return x;
  }

  static void put(DoubleBuffer b, int i, double x, double y) {
    b.put(2 * i, x);
    b.put(2 * i + 1, y);
  }

  static double nonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be non-negative and finite, got " + v);
    }
    return v;
  }

  static double positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
    return v;
  }
}
