package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Levina-Bickel intrinsic dimension (with MacKay-Ghahramani's correction) on noise-free data of known dimension. */
class IntrinsicDimensionTest {
  private static final int N = 2000;

  /** A closed curve in the plane: (cos 2 pi t, sin 2 pi t) (1 + 0.3 sin 6 pi t). */
  static INDArray curve(Rng rng) {
    INDArray x = Batches.zeros(N, 2);
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < N; i++) {
      double t = rng.uniform();
      double r = 1 + 0.3 * Math.sin(6 * Math.PI * t);
      b.put(2 * i, r * Math.cos(2 * Math.PI * t));
      b.put(2 * i + 1, r * Math.sin(2 * Math.PI * t));
    }
    return x;
  }

  /** The unit sphere deformed radially: r = 1 + 0.3 sin(3 theta) cos(2 phi). */
  static INDArray sphere(Rng rng) {
    INDArray x = Batches.zeros(N, 3);
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < N; i++) {
      double g0 = rng.normal();
      double g1 = rng.normal();
      double g2 = rng.normal();
      double s = Math.sqrt(g0 * g0 + g1 * g1 + g2 * g2);
      double theta = Math.acos(g2 / s);
      double phi = Math.atan2(g1, g0);
      double r = (1 + 0.3 * Math.sin(3 * theta) * Math.cos(2 * phi)) / s;
      b.put(3 * i, r * g0);
      b.put(3 * i + 1, r * g1);
      b.put(3 * i + 2, r * g2);
    }
    return x;
  }

  static INDArray gaussian(int d, Rng rng) {
    INDArray x = Batches.zeros(N, d);
    rng.fillNormal(Batches.buffer(x), N * d);
    return x;
  }

  private static void check(String what, INDArray x, int dim) {
    IntrinsicDimension.Estimate e = IntrinsicDimension.of(x, 10, 20);
    assertEquals(dim, e.corrected(), 0.15, what + ": corrected " + e.corrected() + ", Levina-Bickel "
        + e.levinaBickel());
    assertTrue(e.levinaBickel() > e.corrected(), what + ": the plain average reads higher (" + e.levinaBickel()
        + " vs " + e.corrected() + ")");
  }

  @Test
  void curveInThePlaneHasDimensionOne() {
    check("curve in 2-D", curve(new Rng(1)), 1);
  }

  @Test
  void deformedSphereSurfaceHasDimensionTwo() {
    check("deformed sphere in 3-D", sphere(new Rng(2)), 2);
  }

  @Test
  void fiveDimensionalGaussianHasDimensionFiveAlsoWhenLinearlyEmbeddedInTwenty() {
    INDArray z = gaussian(5, new Rng(3));
    check("5-D Gaussian", z, 5);
    INDArray wide = Batches.zeros(5, 20);
    new Rng(4).fillNormal(Batches.buffer(wide), 100);
    check("5-D Gaussian in 20-D", z.mmul(wide), 5);
  }

  @Test
  void rejectsDuplicatePointsAndBadNeighbourCounts() {
    INDArray x = Batches.zeros(30, 2);
    assertThrows(IllegalArgumentException.class, () -> IntrinsicDimension.of(x, 5, 10));
    INDArray y = gaussian(2, new Rng(5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntrinsicDimension.of(y, 1, 5));
    assertTrue(e.getMessage().contains("kMin 1"), e.getMessage());
  }
}
