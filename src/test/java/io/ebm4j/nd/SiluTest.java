package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** SiLU and its derivatives in float match the exact ones in double, and the vector loop the scalar bits. */
class SiluTest {
  private static final int N = 10_007; // not a multiple of any vector length: the tail is exercised

  private static float[][] inputs() {
    Random rnd = new Random(5);
    float[] z = new float[N];
    float[] b = new float[N];
    for (int i = 0; i < N; i++) {
      z[i] = (float) ((rnd.nextDouble() - 0.5) * (i < N / 2 ? 16 : 400));
      b[i] = (float) (rnd.nextDouble() - 0.5);
    }
    float[] special = {0f, -0f, 87f, -87f, 88f, -88f, 1e6f, -1e6f};
    System.arraycopy(special, 0, z, 0, special.length);
    return new float[][] {z, b};
  }

  @Test
  void valueAndThreeDerivativesMatchTheExactOnesInDouble() {
    float[][] in = inputs();
    float[] a = new float[N];
    float[] d1 = new float[N];
    float[] d2 = new float[N];
    float[] d3 = new float[N];
    Silu.apply(in[0], in[1], N, a, d1, d2, d3);
    for (int i = 0; i < N; i++) {
      double x = (double) (in[0][i] + in[1][i]);
      double scale = Math.max(1, Math.abs(x));
      double sg = 1 / (1 + Math.exp(-x));
      double q = sg * (1 - sg);
      assertEquals(x * sg, a[i], 4e-7 * scale, "sigma(" + x + ")");
      assertEquals(sg + x * q, d1[i], 4e-7 * scale, "sigma'(" + x + ")");
      assertEquals(q * (2 + x * (1 - 2 * sg)), d2[i], 4e-7 * scale, "sigma''(" + x + ")");
      assertEquals(q * (3 * (1 - 2 * sg) + x * (1 - 6 * q)), d3[i], 4e-7 * scale, "sigma'''(" + x + ")");
    }
  }

  @Test
  void vectorLoopGivesTheScalarLoopsBitsAtEveryOrder() {
    assertTrue(WarmUp.vectorApi(), "tests run with the jdk.incubator.vector module");
    float[][] in = inputs();
    for (int order = 1; order <= 3; order++) {
      float[][] v = new float[4][N];
      float[][] s = new float[4][N];
      VectorSilu.apply(in[0], in[1], N, v[0], v[1], order >= 2 ? v[2] : null, order == 3 ? v[3] : null, order);
      Silu.scalar(in[0], in[1], 0, N, s[0], s[1], order >= 2 ? s[2] : null, order == 3 ? s[3] : null, order);
      for (int q = 0; q <= order; q++) {
        for (int i = 0; i < N; i++) {
          assertEquals(Float.floatToRawIntBits(s[q][i]), Float.floatToRawIntBits(v[q][i]),
              "order " + order + ", output " + q + ", z = " + in[0][i]);
        }
      }
    }
  }

  @Test
  void theVectorLoopIsTakenOnceWarm() throws InterruptedException {
    float[] z = new float[64];
    Silu.apply(z, new float[64], 64, new float[64], new float[64], null, null);
    long t0 = System.nanoTime();
    while (!Silu.vectorised() && System.nanoTime() - t0 < 60_000_000_000L) {
      Thread.sleep(20);
    }
    assertTrue(Silu.vectorised(), "the vector loop compiled within a minute");
  }

  @Test
  void aLengthBeyondAnArrayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Silu.apply(new float[4], new float[4], 5, new float[4], new float[4], null, null));
    assertTrue(e.getMessage().contains("got 5"), e.getMessage());
  }
}
