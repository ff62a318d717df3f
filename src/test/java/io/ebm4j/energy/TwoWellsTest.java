package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TwoWellsTest {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private static INDArray column(double... v) {
    return Batches.vector(v).reshape(v.length, 1);
  }

  @Test
  void energyMatchesTheSeedFormulaAndStaysFiniteFarFromBothWells() {
    TwoWells u = Energies.twoWells(-10, 10).withZ(0.7);
    double[] xs = {-10, -3, 0, 2.5, 10, 40, -60};
    INDArray e = u.energy(column(xs));
    for (int i = 0; i < xs.length; i++) {
      double x = xs[i];
      double a = -0.5 * (x + 10) * (x + 10);
      double b = -0.7 - 0.5 * (x - 10) * (x - 10);
      double m = Math.max(a, b);
      double expected = -(m + Math.log(Math.exp(a - m) + Math.exp(b - m)));
      assertEquals(expected, e.getDouble(i), 1e-12 * Math.max(1, Math.abs(expected)), "U at x=" + x);
    }
  }

  @Test
  void massOfBAndZAreTwoViewsOfOneParameter() {
    TwoWells u = Energies.twoWells(-10, 10).withMassOfB(0.8);
    assertEquals(0.8, u.massOfB(), 1e-15);
    assertEquals(Math.log(0.2 / 0.8), u.z(), 1e-15);
  }

  @Test
  void gradXMatchesFiniteDifferencesInOneAndThreeDimensions() {
    TwoWells u1 = Energies.twoWells(-10, 10).withZ(-0.4);
    INDArray x1 = column(-11, -0.3, 0.05, 9.2, 3);
    INDArray g1 = u1.gradX(x1);
    for (int i = 0; i < 5; i++) {
      assertEquals(FiniteDifferences.gradX(u1, x1, i, 0, 1e-5), g1.getDouble(i, 0), 1e-6);
    }
    TwoWells u3 = Energies.twoWells(new double[] {1, 0, -1}, new double[] {-2, 1, 0.5}).withZ(0.3);
    INDArray x3 = Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.3}, {-1, 0.5, 0}, {2, -1, 1}});
    INDArray g3 = u3.gradX(x3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(FiniteDifferences.gradX(u3, x3, i, j, 1e-5), g3.getDouble(i, j), 1e-6);
      }
    }
  }

  @Test
  void paramGradientIsThePosteriorOfModeBAndMatchesFiniteDifferences() {
    TwoWells u = Energies.twoWells(-1, 1.5).withZ(0.2);
    INDArray x = column(-1.2, 0.1, 0.25, 1.4);
    INDArray w = Batches.vector(0.5, 2.0, 1.0, 0.25);
    double analytic = FiniteDifferences.paramGradient(u, x, w)[0];
    double fd = FiniteDifferences.dParam(u, 0, 1e-6, () -> {
      INDArray e = u.energy(x);
      return 0.5 * e.getDouble(0) + 2 * e.getDouble(1) + e.getDouble(2) + 0.25 * e.getDouble(3);
    });
    assertEquals(fd, analytic, 1e-7);
  }

  @Test
  void logZIsExactAgainstQuadratureAndItsGradientIsMinusTheMassOfB() {
    TwoWells u = Energies.twoWells(-10, 10).withMassOfB(0.3);
    int n = 200_001;
    double lo = -30;
    double hi = 30;
    double dx = (hi - lo) / (n - 1);
    double[] grid = new double[n];
    for (int i = 0; i < n; i++) {
      grid[i] = lo + i * dx;
    }
    INDArray e = u.energy(column(grid));
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += (i == 0 || i == n - 1 ? 0.5 : 1) * dx * Math.exp(-e.getDouble(i));
    }
    assertEquals(Math.log(z), u.logZ(), 1e-9);
    assertEquals(Math.log1p(Math.exp(-u.z())) + 0.5 * LOG_2PI, u.logZ(), 1e-14);
    INDArray g = Batches.zeros(1);
    u.accumulateLogZGradient(1.0, g);
    assertEquals(FiniteDifferences.dParam(u, 0, 1e-6, u::logZ), g.getDouble(0), 1e-8);
    assertEquals(-0.3, g.getDouble(0), 1e-12);
  }

  @Test
  void scoreMatchingLossHasTheRightLaplacianAndGradient() {
    TwoWells u = Energies.twoWells(new double[] {-1, 0}, new double[] {1, 0.5}).withZ(0.4);
    INDArray x = Nd4j.createFromArray(new double[][] {{-0.3, 0.2}, {0.1, 0.1}, {0.9, -0.2}});
    for (int i = 0; i < 3; i++) {
      INDArray row = x.getRow(i).reshape(1, 2).dup();
      INDArray g = u.gradX(row);
      double g2 = g.mul(g).sumNumber().doubleValue();
      double expected = 0.5 * g2 - FiniteDifferences.laplacian(u, row, 0, 1e-4);
      assertEquals(expected, u.scoreMatchingLoss(row), 1e-5);
    }
    INDArray out = Batches.zeros(1);
    u.accumulateScoreMatchingGradient(x, 1.0 / 3, out);
    double fd = FiniteDifferences.dParam(u, 0, 1e-6, () -> u.scoreMatchingLoss(x));
    assertEquals(fd, out.getDouble(0), 1e-7);
  }

  @Test
  void exactSamplesHaveTheRightMassAndMoments() {
    TwoWells u = Energies.twoWells(-10, 10).withMassOfB(0.8);
    int n = 200_000;
    INDArray x = u.sample(n, 11);
    double[] v = Batches.toArray(x);
    int inB = 0;
    double meanB = 0;
    double varB = 0;
    for (double s : v) {
      if (s > 0) {
        inB++;
        meanB += s;
        varB += (s - 10) * (s - 10);
      }
    }
    double q = (double) inB / n;
    assertEquals(0.8, q, 4 * Math.sqrt(0.16 / n));
    assertEquals(10.0, meanB / inB, 4 / Math.sqrt(inB));
    assertEquals(1.0, varB / inB, 4 * Math.sqrt(2.0 / inB));
  }

  @Test
  void theBulkWellTestAgreesWithTheRowTestInOneAndThreeDimensions() {
    TwoWells one = Energies.twoWells(-10, 10).withMassOfB(0.3);
    TwoWells three = Energies.twoWells(new double[] {-1, 0, 2}, new double[] {3, 1, -2});
    for (TwoWells u : new TwoWells[] {one, three}) {
      INDArray x = u.sample(1000, 5);
      java.util.SplittableRandom r = new java.util.SplittableRandom(9);
      java.nio.DoubleBuffer xb = Batches.buffer(x);
      for (int k = 0; k < 1000 * u.dim(); k++) {
        xb.put(k, xb.get(k) + 8 * (r.nextDouble() - 0.5)); // many near the boundary
      }
      boolean[] side = new boolean[1001];
      u.inWellB(x, side);
      int inB = 0;
      for (int i = 0; i < 1000; i++) {
        assertEquals(u.inWellB(Batches.buffer(x), i), side[i], "row " + i);
        inB += side[i] ? 1 : 0;
      }
      assertTrue(inB > 100 && inB < 900, "both wells occupied: " + inB);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> one.inWellB(Batches.zeros(5, 1), new boolean[3]));
    assertTrue(e.getMessage().contains("side of length 3"), e.getMessage());
  }

  @Test
  void samplingIsReproducibleForASeed() {
    TwoWells u = Energies.twoWells(-10, 10).withMassOfB(0.3);
    assertEquals(u.sample(5000, new Rng(3)), u.sample(5000, new Rng(3)));
    assertTrue(!u.sample(5000, 3).equals(u.sample(5000, 4)));
  }

  @Test
  void badInputIsRejectedWithTheParameterAndValue() {
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> Energies.twoWells(3, 3));
    assertTrue(e1.getMessage().contains("a and b must differ") && e1.getMessage().contains("3.0"), e1.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> Energies.twoWells(-1, 1).withMassOfB(1.2));
    assertTrue(e2.getMessage().contains("massOfB") && e2.getMessage().contains("1.2"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Energies.twoWells(-1, 1).withMassOfB(0));
    IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
        () -> Energies.twoWells(-1, 1).energy(column(0.5, Double.NaN)));
    assertTrue(e3.getMessage().contains("x must be finite") && e3.getMessage().contains("NaN"), e3.getMessage());
    IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
        () -> Energies.twoWells(-1, 1).energy(Nd4j.zeros(3, 2)));
    assertTrue(e4.getMessage().contains("x must have shape [N, 1]") && e4.getMessage().contains("[3, 2]"),
        e4.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Energies.twoWells(-1, 1).gradX(column(Double.POSITIVE_INFINITY)));
  }
}
