package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Sliced Wasserstein, MMD, energy distance and Frechet distance against their exact values on Gaussians. */
class SampleDistancesTest {
  static INDArray normal(int n, int d, double mean, double sd, long seed) {
    INDArray x = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(x), n * d);
    return x.muli(sd).addi(mean);
  }

  @Test
  void slicedWassersteinOfShiftedGaussiansIsShiftOverRootD() {
    // SW_2^2(N(0, I), N(m, I)) = E (theta . m)^2 = |m|^2 / d
    int d = 3;
    INDArray x = normal(4000, d, 0, 1, 1);
    INDArray y = normal(4000, d, 1, 1, 2);
    double sw = SlicedWasserstein.distance(x, y, 400, new Rng(3));
    assertEquals(1.0, sw, 0.05, "SW_2 with |m|^2 = 3, d = 3");
    assertEquals(0.0, SlicedWasserstein.distance(x, x, 50, new Rng(4)), 1e-12, "a sample against itself");
    // unequal sizes through the quantile functions
    double swq = SlicedWasserstein.distance(x, normal(3000, d, 1, 1, 5), 400, new Rng(3));
    assertEquals(1.0, swq, 0.05, "unequal sizes");
  }

  @Test
  void slicedWassersteinOfScaledOneDimensionalGaussiansIsTheScaleDifference() {
    // in 1-D, W_2(N(0, 1), N(0, 4)) = |1 - 2| = 1
    double sw = SlicedWasserstein.distance(normal(20_000, 1, 0, 1, 6), normal(20_000, 1, 0, 2, 7), 1, new Rng(8));
    assertEquals(1.0, sw, 0.03);
  }

  /** E exp(-(X - Y)^2 / (2 l^2)) for X - Y ~ N(mu, v). */
  private static double gaussianKernelMean(double mu, double v, double l) {
    return l / Math.sqrt(l * l + v) * Math.exp(-mu * mu / (2 * (l * l + v)));
  }

  @Test
  void unbiasedMmdMatchesItsClosedFormBetweenOneDimensionalGaussians() {
    double l = 1.0;
    double exact = gaussianKernelMean(0, 2, l) + gaussianKernelMean(0, 2 * 2.25, l)
        - 2 * gaussianKernelMean(0.8, 1 + 2.25, l);
    double est = Mmd.squared(normal(3000, 1, 0, 1, 9), normal(3000, 1, 0.8, 1.5, 10), l);
    assertEquals(exact, est, 0.006, "exact " + exact);
    double same = Mmd.squared(normal(3000, 1, 0, 1, 11), normal(3000, 1, 0, 1, 12), l);
    assertEquals(0.0, same, 0.003, "same law");
  }

  @Test
  void medianBandwidthOfAStandardNormalIsTheMedianOfItsPairDistances() {
    // |X - X'| ~ sqrt(2) |N(0, 1)|: median sqrt(2) * 0.6745
    double med = Mmd.medianBandwidth(normal(1000, 1, 0, 1, 13), normal(1000, 1, 0, 1, 14));
    assertEquals(Math.sqrt(2) * 0.67449, med, 0.04);
  }

  @Test
  void energyDistanceMatchesItsClosedFormBetweenOneDimensionalGaussians() {
    // E|Z| for Z ~ N(mu, v): sqrt(2v/pi) exp(-mu^2/(2v)) + mu (1 - 2 Phi(-mu/sqrt v))
    double mu = 1.0;
    double v = 1 + 0.25;
    double phi = 0.5 * (1 + erf(-mu / Math.sqrt(v) / Math.sqrt(2)));
    double exy = Math.sqrt(2 * v / Math.PI) * Math.exp(-mu * mu / (2 * v)) + mu * (1 - 2 * phi);
    double exact = 2 * exy - Math.sqrt(2 * 2 / Math.PI) - Math.sqrt(2 * 0.5 / Math.PI);
    double est = EnergyDistance.squared(normal(3000, 1, 0, 1, 15), normal(3000, 1, 1, 0.5, 16));
    assertEquals(exact, est, 0.02, "exact " + exact);
  }

  /** erf by its Taylor series (|x| < 1.5 here). */
  private static double erf(double x) {
    double s = 0;
    double term = x;
    for (int n = 0; n < 60; n++) {
      s += term / (2 * n + 1);
      term *= -x * x / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * s;
  }

  @Test
  void frechetDistanceOfNonCommutingCovariancesIsExact() {
    // S2 = R diag(4, 9) R^T with a 30-degree rotation R: tr(I + S2 - 2 S2^{1/2}) = 2 + 13 - 2 (2 + 3) = 5
    double c = Math.cos(Math.PI / 6);
    double s = Math.sin(Math.PI / 6);
    double[][] s2 = {{4 * c * c + 9 * s * s, (4 - 9) * c * s}, {(4 - 9) * c * s, 4 * s * s + 9 * c * c}};
    double[][] eye = {{1, 0}, {0, 1}};
    assertEquals(5.0, FrechetDistance.squared(new double[2], eye, new double[2], s2), 1e-12);
    // and with a non-identity S1 = diag(4, 1), S2 as above: trace of the cross term from the eigenvalues
    double[][] s1 = {{4, 0}, {0, 1}};
    double[][] r = FrechetDistance.sqrtPsd(s1);
    assertEquals(2.0, r[0][0], 1e-12);
    assertEquals(1.0, r[1][1], 1e-12);
    double fd = FrechetDistance.squared(new double[] {1, 0}, s1, new double[] {0, 2}, s2);
    double[][] m = {{2 * 2 * s2[0][0], 2 * s2[0][1]}, {2 * s2[1][0], s2[1][1]}};
    double tr = m[0][0] + m[1][1];
    double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    // sqrt of a 2x2 PSD matrix has trace sqrt(tr + 2 sqrt(det))
    double exact = 1 + 4 + 5 + 13 - 2 * Math.sqrt(tr + 2 * Math.sqrt(det));
    assertEquals(exact, fd, 1e-10);
  }

  @Test
  void frechetDistanceOfSamplesMatchesTheGaussianFormula() {
    // diagonal covariances: |m1 - m2|^2 + sum (s1 - s2)^2 = 4 * 0.25 + 4 * 0.25 = 2
    double fd = FrechetDistance.squared(normal(20_000, 4, 0, 1, 17), normal(20_000, 4, 0.5, 1.5, 18));
    assertEquals(2.0, fd, 0.05);
  }

  @Test
  void distancesRejectMismatchedDimensions() {
    INDArray x = normal(10, 2, 0, 1, 19);
    INDArray y = normal(10, 3, 0, 1, 20);
    assertThrows(IllegalArgumentException.class, () -> EnergyDistance.squared(x, y));
    assertThrows(IllegalArgumentException.class, () -> Mmd.squared(x, x, -1));
    assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(x, x, 0, new Rng(1)));
  }
}
