package io.ebm4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import io.ebm4j.random.SplitMix;
import org.junit.jupiter.api.Test;

/** The ziggurat normals against the exact standard normal law. */
class NormalsTest {
  private static final int N = 2_000_000;

  private static double[] draw(long seed) {
    Normals g = new Normals(new SplitMix(seed));
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = g.next();
    }
    return x;
  }

  /** Phi via erfc with a high-accuracy rational approximation (|error| < 1.2e-7). */
  static double phi(double z) {
    double t = 1.0 / (1.0 + 0.5 * Math.abs(z / Math.sqrt(2)));
    double y = z / Math.sqrt(2);
    double r = t * Math.exp(-y * y - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return z >= 0 ? 1 - 0.5 * r : 0.5 * r;
  }

  @Test
  void kolmogorovSmirnovDistanceToTheNormalIsSmall() {
    double[] x = draw(1);
    Arrays.sort(x);
    double d = 0;
    for (int i = 0; i < N; i += 7) {
      double f = phi(x[i]);
      d = Math.max(d, Math.max(Math.abs(f - (double) i / N), Math.abs(f - (double) (i + 1) / N)));
    }
    assertTrue(d < 1.95 / Math.sqrt(N), "KS distance " + d);
  }

  @Test
  void momentsAndTailsAreExact() {
    double[] x = draw(2);
    double m1 = 0;
    double m2 = 0;
    double m4 = 0;
    long beyond3 = 0;
    long beyondR = 0;
    for (double v : x) {
      m1 += v;
      m2 += v * v;
      m4 += v * v * v * v;
      beyond3 += Math.abs(v) > 3 ? 1 : 0;
      beyondR += Math.abs(v) > 3.442619855899 ? 1 : 0;
    }
    assertEquals(0, m1 / N, 5 / Math.sqrt(N));
    assertEquals(1, m2 / N, 5 * Math.sqrt(2.0 / N));
    assertEquals(3, m4 / N, 5 * Math.sqrt(96.0 / N));
    double p3 = 2 * (1 - phi(3));
    assertEquals(p3 * N, beyond3, 5 * Math.sqrt(p3 * N));
    double pr = 2 * (1 - phi(3.442619855899));
    assertEquals(pr * N, beyondR, 5 * Math.sqrt(pr * N));
  }

  @Test
  void sameStreamSameNumbers() {
    assertTrue(Arrays.equals(draw(3), draw(3)));
  }
}
