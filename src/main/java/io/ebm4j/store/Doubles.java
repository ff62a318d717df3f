package io.ebm4j.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/** Raw little-endian IEEE 754 float64 arrays, the layout of every numeric entry. */
final class Doubles {
  private Doubles() {}

  static byte[] bytes(DoubleBuffer src, int n) {
    ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putDouble(src.get(i));
    }
    return b.array();
  }

  static double[] values(byte[] bytes) {
    double[] out = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }
}
