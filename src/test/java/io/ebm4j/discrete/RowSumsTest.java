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
    for (int a = 3; a < 23; a++) {
      for (int j = 0; j < len; j++) {
        s[j] += 0.037f * m[idx[a] * len + j];
      }
    }
    assertArrayEquals(s, v);
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
