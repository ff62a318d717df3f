package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.WarmUp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector and scalar row sums give the same bits (so which one a run takes never shows in its numbers). */
class RowSumsTest {
  @Test
  void vectorLoopsGiveTheScalarLoopsBits() {
    assertTrue(WarmUp.vectorApi(), "tests run with the jdk.incubator.vector module");
    Random rnd = new Random(1);
    int len = 112;
    float[] m = new float[40 * len];
    for (int q = 0; q < m.length; q++) {
      m[q] = (float) rnd.nextGaussian();
    }
    float[] start = new float[len];
    for (int j = 0; j < len; j++) {
      start[j] = (float) rnd.nextGaussian();
    }
    int[] idx = new int[25];
    for (int a = 0; a < idx.length; a++) {
      idx[a] = rnd.nextInt(40);
    }
    float[] v = new float[len];
    float[] s = new float[len];
    VectorRowSums.sum(start, 0, m, idx, 0, idx.length, v, 0, len);
    scalarSum(start, m, idx, s, len);
    assertArrayEquals(s, v);
    VectorRowSums.addScaled(v, 0, m, idx, 3, 20, 0.037f, len);
    scalarAddScaled(s, m, idx, 3, 20, 0.037f, len);
    assertArrayEquals(s, v);
    // four-vector blocks and the one-vector tail (len 112 is 7 vectors of 16 or 14 of 8), two lists in one pass
    VectorRowSums.addScaledPair(v, 0, m, idx, 0, 9, 0.5f, m, idx, 9, 16, -0.25f, len);
    scalarAddScaled(s, m, idx, 0, 9, 0.5f, len);
    scalarAddScaled(s, m, idx, 9, 16, -0.25f, len);
    assertArrayEquals(s, v);
  }

  private static void scalarAddScaled(float[] dst, float[] m, int[] idx, int from, int count, float scale, int len) {
    for (int a = from; a < from + count; a++) {
      for (int j = 0; j < len; j++) {
        dst[j] += scale * m[idx[a] * len + j];
      }
    }
  }

  private static void scalarSum(float[] start, float[] m, int[] idx, float[] out, int len) {
    System.arraycopy(start, 0, out, 0, len);
    for (int a : idx) {
      for (int j = 0; j < len; j++) {
        out[j] += m[a * len + j];
      }
    }
  }
}
