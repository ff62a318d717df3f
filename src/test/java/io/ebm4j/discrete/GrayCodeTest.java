package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GrayCodeTest {
  @Test
  void grayCodeIsABijectionWhoseNeighboursDifferInOneBit() {
    for (int q = 0; q < (1 << 16); q++) {
      assertEquals(q, GrayCode.fromGray(GrayCode.gray(q)));
      if (q > 0) {
        assertEquals(1, Integer.bitCount(GrayCode.gray(q) ^ GrayCode.gray(q - 1)), "q = " + q);
      }
    }
  }

  @Test
  void flippingGrayBitKReflectsTheIntegerInsideItsBlockOfTwoToTheKPlusOne() {
    Rng rng = new Rng(3);
    for (int t = 0; t < 2000; t++) {
      int q = rng.nextInt(1 << 16);
      int k = rng.nextInt(16);
      int flipped = GrayCode.fromGray(GrayCode.gray(q) ^ (1 << k));
      int block = 1 << (k + 1);
      int base = q & ~(block - 1);
      assertEquals(base + (block - 1 - (q - base)), flipped, "q = " + q + ", k = " + k);
    }
  }

  @Test
  void encodeThenDecodeGivesTheCellCentreWithinHalfACell() {
    Rng rng = new Rng(4);
    double[] y = new double[200];
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.uniform();
    }
    y[0] = 0;
    y[1] = 1;
    INDArray pts = Batches.vector(y).reshape(100, 2);
    INDArray back = GrayCode.decode(GrayCode.encode(pts, 16), 2, 16);
    double[] b = Batches.toArray(back);
    for (int i = 0; i < y.length; i++) {
      assertTrue(Math.abs(b[i] - y[i]) <= 0.5 / 65536 + 1e-15, "coordinate " + i + ": " + y[i] + " -> " + b[i]);
    }
  }

  @Test
  void badInputNamesTheParameter() {
    INDArray pts = Batches.vector(0.5, 1.5).reshape(1, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrayCode.encode(pts, 16));
    assertTrue(e.getMessage().contains("points"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GrayCode.encode(pts, 0));
    assertTrue(e.getMessage().contains("bits"), e.getMessage());
  }
}
