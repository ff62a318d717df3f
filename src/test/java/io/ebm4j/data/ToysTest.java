package io.ebm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ToysTest {
  private static final int N = 40_000;

  private static List<Toy> all() {
    return List.of(Toys.twoMoons(), Toys.circles(), Toys.swissRoll(), Toys.eightGaussians(), Toys.checkerboard(),
        Toys.pinwheel());
  }

  @Test
  void everyToyReturnsAnNBy2DoubleBatchOfFiniteValues() {
    for (Toy toy : all()) {
      for (int n : new int[] {1, 7, 3000}) {
        INDArray x = toy.sample(n, 1);
        assertArrayEquals(new long[] {n, 2}, x.shape(), toy.name());
        assertEquals(DataType.DOUBLE, x.dataType(), toy.name());
        Batches.requireFinite(x, toy.name());
      }
    }
  }

  @Test
  void sameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
    for (Toy toy : all()) {
      double[] a = Batches.toArray(toy.sample(3000, 42));
      double[] b = Batches.toArray(toy.sample(3000, new Rng(42)));
      double[] c = Batches.toArray(toy.sample(3000, 43));
      assertArrayEquals(a, b, 0.0, toy.name());
      assertFalse(java.util.Arrays.equals(a, c), toy.name());
    }
  }

  @Test
  void noiselessMoonsLieOnTheirTwoArcsWithCentresAtTwoOverPi() {
    double[] x = Batches.toArray(Toys.twoMoons().noise(0).sample(N, 3));
    double[] sumUpper = new double[2];
    double[] sumLower = new double[2];
    int upper = 0;
    for (int i = 0; i < N; i++) {
      double px = x[2 * i];
      double py = x[2 * i + 1];
      if (Math.abs(px * px + py * py - 1) < 1e-9 && py >= 0) {
        upper++;
        sumUpper[0] += px;
        sumUpper[1] += py;
      } else {
        double dx = px - 1;
        double dy = py - 0.5;
        assertEquals(1.0, dx * dx + dy * dy, 1e-9, "point " + i + " is on neither moon");
        assertTrue(py <= 0.5 + 1e-12);
        sumLower[0] += px;
        sumLower[1] += py;
      }
    }
    int lower = N - upper;
    assertEquals(0.5, upper / (double) N, 4 * 0.5 / Math.sqrt(N));
    // per moon: sd(cos a) = 0.71, sd(sin a) = 0.31 for a ~ U[0, pi]; 5 standard errors
    assertEquals(0.0, sumUpper[0] / upper, 5 * 0.71 / Math.sqrt(upper));
    assertEquals(2 / Math.PI, sumUpper[1] / upper, 5 * 0.31 / Math.sqrt(upper));
    assertEquals(1.0, sumLower[0] / lower, 5 * 0.71 / Math.sqrt(lower));
    assertEquals(0.5 - 2 / Math.PI, sumLower[1] / lower, 5 * 0.31 / Math.sqrt(lower));
  }

  @Test
  void noisyMoonsHaveTheMixtureMeanHalfAndQuarter() {
    INDArray x = Toys.twoMoons().noise(0.1).sample(N, 4);
    assertEquals(0.5, x.getColumn(0).meanNumber().doubleValue(), 5 * 0.87 / Math.sqrt(N));
    assertEquals(0.25, x.getColumn(1).meanNumber().doubleValue(), 5 * 0.5 / Math.sqrt(N));
  }

  @Test
  void noiselessCirclesHaveRadiusOneOrFactorInEqualShares() {
    double[] x = Batches.toArray(Toys.circles().factor(0.3).noise(0).sample(N, 5));
    int outer = 0;
    for (int i = 0; i < N; i++) {
      double r = Math.hypot(x[2 * i], x[2 * i + 1]);
      if (Math.abs(r - 1) < 1e-12) {
        outer++;
      } else {
        assertEquals(0.3, r, 1e-12, "point " + i);
      }
    }
    assertEquals(0.5, outer / (double) N, 4 * 0.5 / Math.sqrt(N));
  }

  @Test
  void noisyCirclesHaveMeanSquaredRadiusHalfOfOnePlusFactorSquaredPlusTwoNoiseSquared() {
    double f = 0.5;
    double s = 0.1;
    double[] x = Batches.toArray(Toys.circles().factor(f).noise(s).sample(N, 6));
    assertEquals((1 + f * f) / 2 + 2 * s * s, meanSquaredRadius(x), 5 * 0.42 / Math.sqrt(N));
  }

  @Test
  void noiselessSwissRollIsTheSpiralRadiusTimesDirectionOfAngleRadius() {
    double[] x = Batches.toArray(Toys.swissRoll().noise(0).sample(N, 7));
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double t = Math.hypot(x[2 * i], x[2 * i + 1]);
      assertTrue(t >= 1.5 * Math.PI - 1e-12 && t <= 4.5 * Math.PI + 1e-12, "radius " + t);
      assertEquals(t * Math.cos(t), x[2 * i], 1e-9);
      assertEquals(t * Math.sin(t), x[2 * i + 1], 1e-9);
      sum += t;
    }
    // t ~ U[3pi/2, 9pi/2]: mean 3 pi, sd 3 pi / sqrt(12)
    assertEquals(3 * Math.PI, sum / N, 5 * 3 * Math.PI / Math.sqrt(12) / Math.sqrt(N));
  }

  @Test
  void noisySwissRollHasMeanSquaredRadius39PiSquaredOver4PlusTwoNoiseSquared() {
    double s = 0.5;
    double[] x = Batches.toArray(Toys.swissRoll().noise(s).sample(N, 8));
    assertEquals(39 * Math.PI * Math.PI / 4 + 2 * s * s, meanSquaredRadius(x), 5 * 53 / Math.sqrt(N));
  }

  @Test
  void eightGaussiansHaveMeanRadiusNearRadiusExactSecondMomentAndEqualWeights() {
    double radius = 2;
    double std = 0.1;
    double[] x = Batches.toArray(Toys.eightGaussians().radius(radius).std(std).sample(N, 9));
    int[] counts = new int[8];
    double sumR = 0;
    for (int i = 0; i < N; i++) {
      sumR += Math.hypot(x[2 * i], x[2 * i + 1]);
      int k = (int) Math.floorMod(Math.round(Math.atan2(x[2 * i + 1], x[2 * i]) / (Math.PI / 4)), 8L);
      counts[k]++;
    }
    // E|x|^2 = radius^2 + 2 std^2 exactly; sd of |x|^2 is about 2 radius std
    assertEquals(radius * radius + 2 * std * std, meanSquaredRadius(x), 5 * 2 * radius * std / Math.sqrt(N));
    // E|x| = radius + std^2 / (2 radius) + O(std^4)
    assertEquals(radius + std * std / (2 * radius), sumR / N, 5 * std / Math.sqrt(N) + 1e-5);
    for (int k = 0; k < 8; k++) {
      assertEquals(N / 8.0, counts[k], 5 * Math.sqrt(N / 8.0 * 7 / 8), "component " + k);
    }
  }

  @Test
  void checkerboardPointsAllLieOnBlackSquaresWithTheExactCrossMoment() {
    for (int k : new int[] {4, 3}) {
      double side = k == 4 ? 2.0 : 1.5;
      Checkerboard board = Toys.checkerboard().squares(k).squareSize(side);
      double[] x = Batches.toArray(board.sample(N, 10));
      double half = k * side / 2;
      int[] cells = new int[k * k];
      double sumXy = 0;
      for (int i = 0; i < N; i++) {
        double px = x[2 * i];
        double py = x[2 * i + 1];
        assertTrue(Math.abs(px) <= half && Math.abs(py) <= half, "outside the board: " + px + ", " + py);
        int ci = (int) Math.floor((px + half) / side);
        int cj = (int) Math.floor((py + half) / side);
        assertEquals(0, (ci + cj) % 2, "point on a white square: " + px + ", " + py);
        assertTrue(board.isBlack(px, py));
        cells[ci + k * cj]++;
        sumXy += px * py;
      }
      // exact E[xy]: the mean over black cells of the product of their centres (offsets inside a cell are
      // independent and centred)
      int black = 0;
      double exactXy = 0;
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
          if ((i + j) % 2 == 0) {
            black++;
            exactXy += (-half + (i + 0.5) * side) * (-half + (j + 0.5) * side);
          }
        }
      }
      exactXy /= black;
      assertEquals((k * k + 1) / 2, black);
      // sd of xy is about E[x^2] <= half^2 / 3
      assertEquals(exactXy, sumXy / N, 5 * half * half / 3 / Math.sqrt(N), "board " + k);
      for (int c = 0; c < k * k; c++) {
        if (((c % k) + (c / k)) % 2 == 0) {
          assertEquals(N / (double) black, cells[c], 5 * Math.sqrt(N / (double) black), "cell " + c);
        }
      }
    }
  }

  @Test
  void pinwheelHasMeanZeroAndMeanSquaredRadiusFourTimesOnePlusBothVariances() {
    double sr = 0.3;
    double st = 0.1;
    double[] x = Batches.toArray(Toys.pinwheel().radialStd(sr).tangentialStd(st).classes(5).rate(0.25)
        .sample(N, 11));
    double mx = 0;
    double my = 0;
    for (int i = 0; i < N; i++) {
      mx += x[2 * i];
      my += x[2 * i + 1];
    }
    assertEquals(0.0, mx / N, 5 * 1.5 / Math.sqrt(N));
    assertEquals(0.0, my / N, 5 * 1.5 / Math.sqrt(N));
    assertEquals(4 * (1 + sr * sr + st * st), meanSquaredRadius(x), 5 * 2.6 / Math.sqrt(N));
  }

  @Test
  void pinwheelWithoutSpreadPutsEachArmAtOnePointOfRadiusTwoAtTheCurledAngle() {
    int k = 3;
    double rate = 0.4;
    double[] x = Batches.toArray(Toys.pinwheel().radialStd(0).tangentialStd(0).classes(k).rate(rate)
        .sample(9000, 12));
    int[] counts = new int[k];
    for (int i = 0; i < 9000; i++) {
      int hit = -1;
      for (int arm = 0; arm < k; arm++) {
        double a = 2 * Math.PI * arm / k + rate * Math.E;
        if (Math.abs(x[2 * i] - 2 * Math.cos(a)) < 1e-12 && Math.abs(x[2 * i + 1] + 2 * Math.sin(a)) < 1e-12) {
          hit = arm;
        }
      }
      assertTrue(hit >= 0, "point " + i + " is on no arm");
      counts[hit]++;
    }
    for (int arm = 0; arm < k; arm++) {
      assertEquals(3000, counts[arm], 5 * Math.sqrt(3000 * 2.0 / 3));
    }
  }

  @Test
  void badParametersAreRefusedWithTheirNameAndValue() {
    assertMessage("n must be at least 1, got 0", () -> Toys.twoMoons().sample(0, 1));
    assertMessage("rng must not be null", () -> Toys.circles().sample(5, null));
    assertMessage("noise must be non-negative and finite, got -0.1", () -> Toys.twoMoons().noise(-0.1));
    assertMessage("noise must be non-negative and finite, got NaN", () -> Toys.swissRoll().noise(Double.NaN));
    assertMessage("factor must be in [0, 1), got 1.0", () -> Toys.circles().factor(1));
    assertMessage("noise must be non-negative and finite, got Infinity",
        () -> Toys.circles().noise(Double.POSITIVE_INFINITY));
    assertMessage("radius must be positive and finite, got 0.0", () -> Toys.eightGaussians().radius(0));
    assertMessage("std must be non-negative and finite, got -1.0", () -> Toys.eightGaussians().std(-1));
    assertMessage("squares must be at least 1, got 0", () -> Toys.checkerboard().squares(0));
    assertMessage("squareSize must be positive and finite, got -2.0", () -> Toys.checkerboard().squareSize(-2));
    assertMessage("classes must be at least 1, got 0", () -> Toys.pinwheel().classes(0));
    assertMessage("radialStd must be non-negative and finite, got -0.3", () -> Toys.pinwheel().radialStd(-0.3));
    assertMessage("tangentialStd must be non-negative and finite, got NaN",
        () -> Toys.pinwheel().tangentialStd(Double.NaN));
    assertMessage("rate must be finite, got Infinity", () -> Toys.pinwheel().rate(Double.POSITIVE_INFINITY));
  }

  private static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  private static double meanSquaredRadius(double[] x) {
    double s = 0;
    int n = x.length / 2;
    for (int i = 0; i < n; i++) {
      s += x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1];
    }
    return s / n;
  }
}
