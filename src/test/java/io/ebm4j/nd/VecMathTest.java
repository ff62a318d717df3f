package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The block exponential and logarithm are within one ulp of fdlibm's (StrictMath's) and their vector and scalar loops
 * agree bit for bit.
 */
class VecMathTest {
  /** Inputs over the whole range of exp: overflow, normal results, subnormal results, underflow, specials. */
  private static double[] inputs() {
    SplittableRandom r = new SplittableRandom(7);
    double[] v = new double[200_003]; // not a multiple of the vector length: the scalar tail is exercised too
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (i % 5) {
        case 0 -> -50 * r.nextDouble();          // importance weights, posteriors
        case 1 -> -760 + 1480 * r.nextDouble();  // everything, including overflow and subnormal results
        case 2 -> -1e-3 + 2e-3 * r.nextDouble(); // near 1
        case 3 -> -1.1 + 2.2 * r.nextDouble();   // around the first reduction boundaries, +-ln 2 / 2
        default -> -745.2 + 10 * r.nextDouble(); // subnormal and zero results
      };
    }
    double[] special = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 0x1p-30, -0x1p-30, 709.78, 709.7827128933840,
        709.79, -708.3964185322641, -745.13, -745.1332191019411, -745.14, Double.NaN, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
        0.5 * Math.log(2), -0.5 * Math.log(2), 1.5 * Math.log(2), Math.log(2), 100 * Math.log(2)};
    System.arraycopy(special, 0, v, 0, special.length);
    return v;
  }

  /** The error of y against the correctly rounded reference in units of the last place (subnormal ulps below). */
  private static double ulps(double y, double want) {
    return Math.abs(y - want) / Math.ulp(want);
  }

  @Test
  void withinOneUlpOfStrictMathEverywhere() {
    double[] x = inputs();
    double[] y = x.clone();
    VecMath.scalarExp(y, 0, y.length);
    double worst = 0;
    int exact = 0;
    for (int i = 0; i < x.length; i++) {
      double want = StrictMath.exp(x[i]);
      if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
        assertEquals(want, y[i], 0.0, "exp(" + x[i] + ")");
        continue;
      }
      double u = ulps(y[i], want);
      worst = Math.max(worst, u);
      exact += u == 0 ? 1 : 0;
      assertTrue(u <= 1.0, "exp(" + x[i] + ") = " + y[i] + ", StrictMath gives " + want + " (" + u + " ulp)");
    }
    assertTrue(exact > 0.99 * x.length, "fdlibm's own algorithm: " + exact + " of " + x.length + " bit-identical");
    assertEquals(Math.E, VecMath.exp(1.0), Math.ulp(Math.E));
    assertEquals(1.0, VecMath.exp(0.0), 0.0);
  }

  @Test
  void vectorLoopGivesTheScalarLoopsBits() {
    assertTrue(WarmUp.vectorApi(), "tests run with the jdk.incubator.vector module");
    double[] x = inputs();
    double[] v = x.clone();
    double[] s = x.clone();
    VectorExp.exp(v, 1, v.length - 1);
    VecMath.scalarExp(s, 1, s.length - 1);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), "exp(" + x[i] + ")");
    }
  }

  @Test
  void theVectorLoopIsTakenOnceWarm() throws InterruptedException {
    double[] a = new double[64];
    VecMath.exp(a, a.length);
    long t0 = System.nanoTime();
    while (!VecMath.vectorised() && System.nanoTime() - t0 < 60_000_000_000L) {
      Thread.sleep(20);
    }
    assertTrue(VecMath.vectorised(), "the vector loop compiled within a minute");
    double[] x = inputs();
    double[] y = x.clone();
    VecMath.exp(y, 3, y.length - 3);
    for (int i = 3; i < x.length; i++) {
      assertEquals(Double.doubleToRawLongBits(VecMath.exp(x[i])), Double.doubleToRawLongBits(y[i]), "exp(" + x[i] + ")");
    }
  }

  /** Positive inputs over the whole double range, subnormals included, and the special values. */
  private static double[] logInputs() {
    SplittableRandom r = new SplittableRandom(8);
    double[] v = new double[200_003];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (i % 5) {
        case 0 -> 1.0 + r.nextDouble();                                      // log(1 + e), the two-well energy
        case 1 -> Math.exp(-745 + 1454 * r.nextDouble());                    // every binade, subnormals too
        case 2 -> 1.0 + (r.nextDouble() - 0.5) * 1e-6;                       // near 1, where log x ~ x - 1
        case 3 -> Double.longBitsToDouble(r.nextLong(1L, 0x7ff0000000000000L)); // uniform over the bit patterns
        default -> 0.6 + 0.9 * r.nextDouble();                               // around the reduction at sqrt(2)
      };
    }
    double[] special = {1.0, 2.0, 0.5, Math.E, Math.sqrt(2), Math.nextUp(Math.sqrt(2)), Math.nextDown(Math.sqrt(2)),
        Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 0.0, -0.0, -1.0,
        -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    System.arraycopy(special, 0, v, 0, special.length);
    return v;
  }

  @Test
  void logIsWithinOneUlpOfStrictMathEverywhere() {
    double[] x = logInputs();
    double[] y = x.clone();
    VecMath.scalarLog(y, 0, y.length);
    int exact = 0;
    for (int i = 0; i < x.length; i++) {
      double want = StrictMath.log(x[i]);
      if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
        assertEquals(want, y[i], 0.0, "log(" + x[i] + ")");
        continue;
      }
      double u = ulps(y[i], want);
      exact += u == 0 ? 1 : 0;
      assertTrue(u <= 1.0, "log(" + x[i] + ") = " + y[i] + ", StrictMath gives " + want + " (" + u + " ulp)");
    }
    // fdlibm takes shortcuts near 1 and splits at a slightly different point near sqrt(2): there the two differ by
    // one ulp at most, and elsewhere they agree
    assertTrue(exact > 0.97 * x.length, exact + " of " + x.length + " bit-identical to fdlibm");
    assertEquals(1.0, VecMath.log(Math.E), Math.ulp(1.0));
    assertEquals(0.0, VecMath.log(1.0), 0.0);
  }

  @Test
  void logVectorLoopGivesTheScalarLoopsBits() {
    assertTrue(WarmUp.vectorApi(), "tests run with the jdk.incubator.vector module");
    double[] x = logInputs();
    double[] v = x.clone();
    double[] s = x.clone();
    VectorLog.log(v, 1, v.length - 1);
    VecMath.scalarLog(s, 1, s.length - 1);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), "log(" + x[i] + ")");
    }
  }

  @Test
  void onlyTheBlockChanges() {
    double[] y = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
    VecMath.exp(y, 2, 3);
    assertEquals(1.0, y[1], 0.0);
    assertEquals(Math.exp(4.0), y[4], Math.ulp(Math.exp(4.0)));
    assertEquals(5.0, y[5], 0.0);
    assertEquals(9.0, y[9], 0.0);
  }

  @Test
  void aBlockOutsideTheArrayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VecMath.exp(new double[4], 2, 3));
    assertTrue(e.getMessage().contains("[2, 5)"), e.getMessage());
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> VecMath.log(new double[4], -1, 2));
    assertTrue(l.getMessage().contains("[-1, 1)"), l.getMessage());
  }
}
