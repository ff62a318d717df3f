package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VecMathTest {
  /** Inputs over the whole range of exp: overflow, normal results, subnormal results, underflow, specials. */
  private static double[] inputs() {
    SplittableRandom r = new SplittableRandom(7);
    double[] v = new double[20_003]; // not a multiple of the vector length: the scalar tail is exercised too
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (i % 4) {
        case 0 -> -50 * r.nextDouble();          // importance weights, posteriors
        case 1 -> -760 + 1480 * r.nextDouble();  // everything, including overflow and subnormal results
        case 2 -> -1e-3 + 2e-3 * r.nextDouble(); // near 1
        default -> -745.2 + 10 * r.nextDouble(); // subnormal and zero results
      };
    }
    double[] special = {0.0, -0.0, 1.0, -1.0, 709.78, 709.79, -745.13, -745.14, Double.NaN,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE};
    System.arraycopy(special, 0, v, 0, special.length);
    return v;
  }

  @Test
  void scalarFallbackIsMathExpBitForBit() {
    double[] x = inputs();
    double[] y = x.clone();
    VecMath.scalarExp(y, y.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Double.doubleToLongBits(Math.exp(x[i])), Double.doubleToLongBits(y[i]), "exp(" + x[i] + ")");
    }
  }

  @Test
  void theVectorPathIsOptIn() {
    assumeTrue(!Boolean.getBoolean("ebm4j.vectorMath"), "the test JVM did not ask for the vector path");
    assertTrue(!VecMath.vectorised(), "without -Debm4j.vectorMath=true seeded runs use Math.exp");
  }

  @Test
  void vectorPathAgreesWithMathExpWithinOneUlp() {
    String arch = System.getProperty("os.arch");
    assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "the vector path is x86-64 only");
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs jdk.incubator.vector");
    double[] x = inputs();
    double[] y = x.clone();
    for (int off = 0; off < y.length; off += VecMath.BLOCK) {
      VectorExp.exp(y, off, Math.min(VecMath.BLOCK, y.length - off));
    }
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double want = Math.exp(x[i]);
      if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
        assertEquals(want, y[i], 0.0, "exp(" + x[i] + ")");
        continue;
      }
      double ulps = Math.abs(y[i] - want) / Math.ulp(want);
      worst = Math.max(worst, ulps);
      assertTrue(ulps <= 1.0, "exp(" + x[i] + ") = " + y[i] + ", Math.exp gives " + want + " (" + ulps + " ulp)");
    }
    assertTrue(worst <= 1.0, "worst " + worst + " ulp");
  }

  @Test
  void onlyTheFirstNEntriesChange() {
    double[] y = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
    VecMath.exp(y, 5);
    assertEquals(Math.exp(4.0), y[4], Math.ulp(Math.exp(4.0)));
    assertEquals(5.0, y[5], 0.0);
    assertEquals(9.0, y[9], 0.0);
  }
}
