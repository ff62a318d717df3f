package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IsingGridTest {
  /** Direct definition: sum over right and down neighbours, wrapping when periodic. */
  private static double bruteEnergy(double[] s, int h, int w, double[][] hor, double[][] ver, double[] field,
      boolean periodic) {
    double u = 0;
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double si = s[r * w + c];
        if (c + 1 < w || periodic) {
          u -= hor[r][c] * si * s[r * w + (c + 1) % w];
        }
        if (r + 1 < h || periodic) {
          u -= ver[r][c] * si * s[((r + 1) % h) * w + c];
        }
        u -= field[r * w + c] * si;
      }
    }
    return u;
  }

  private static double[][] couplings(int rows, int cols, double base) {
    double[][] j = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        j[r][c] = base + 0.1 * Math.sin(7 * r + 3 * c);
      }
    }
    return j;
  }

  @Test
  void perEdgeEnergyMatchesTheDefinitionForFreeAndPeriodicBoundaries() {
    int h = 3;
    int w = 4;
    double[] field = new double[h * w];
    for (int k = 0; k < field.length; k++) {
      field[k] = 0.05 * (k - 5);
    }
    for (boolean periodic : new boolean[] {false, true}) {
      double[][] hor = couplings(h, periodic ? w : w - 1, 0.3);
      double[][] ver = couplings(periodic ? h : h - 1, w, -0.2);
      IsingGrid g = IsingGrid.builder(h, w).couplings(hor, ver).field(field).periodic(periodic).build();
      assertEquals(periodic ? 2 * h * w : h * (w - 1) + (h - 1) * w, g.edges());
      INDArray x = BinaryStates.random(50, h * w, Encoding.PLUS_MINUS_ONE, 3);
      double[] u = Batches.toArray(g.energy(x));
      for (int i = 0; i < 50; i++) {
        double[] s = Batches.toArray(x.getRow(i).dup());
        double[][] hf = new double[h][w];
        double[][] vf = new double[h][w];
        for (int r = 0; r < hor.length; r++) {
          System.arraycopy(hor[r], 0, hf[r], 0, hor[r].length);
        }
        for (int r = 0; r < ver.length; r++) {
          System.arraycopy(ver[r], 0, vf[r], 0, ver[r].length);
        }
        assertEquals(bruteEnergy(s, h, w, hf, vf, field, periodic), u[i], 1e-12, "periodic=" + periodic);
      }
    }
  }

  @Test
  void allUpSpinsOnAFreeTwoByTwoGridHaveEnergyMinusFourJMinusFourH() {
    IsingGrid g = IsingGrid.builder(2, 2).coupling(0.5).field(0.25).build();
    INDArray up = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}});
    assertEquals(-4 * 0.5 - 4 * 0.25, g.energy(up).getDouble(0), 1e-15);
  }

  @Test
  void flipDeltasEqualEnergyDifferences() {
    IsingGrid g = IsingGrid.builder(4, 4).coupling(0.7).field(-0.3).periodic(true).build();
    INDArray x = BinaryStates.random(20, 16, Encoding.PLUS_MINUS_ONE, 5);
    INDArray d = g.flipDeltas(x);
    INDArray u = g.energy(x);
    for (int i = 0; i < 20; i++) {
      for (int k = 0; k < 16; k++) {
        INDArray y = x.getRow(i).dup().reshape(1, 16);
        y.putScalar(0, k, -y.getDouble(0, k));
        assertEquals(g.energy(y).getDouble(0) - u.getDouble(i), d.getDouble(i, k), 1e-12);
      }
    }
  }

  @Test
  void gradientsAreUnsupportedOnBinaryStates() {
    IsingGrid g = IsingGrid.builder(2, 2).coupling(1).build();
    INDArray x = Nd4j.createFromArray(new double[][] {{1, -1, 1, -1}});
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> g.gradX(x));
    assertTrue(e.getMessage().contains("binary states"), e.getMessage());
  }

  @Test
  void badInputIsRejectedWithTheParameterName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> IsingGrid.builder(0, 3))
        .getMessage().contains("height must be at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> IsingGrid.builder(2, 2).coupling(Double.NaN))
        .getMessage().contains("coupling must be finite, got NaN"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> IsingGrid.builder(2, 3).periodic(true).build())
        .getMessage().contains("periodic grid needs both sides at least 3, got 2x3"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> IsingGrid.builder(2, 2).couplings(new double[2][2], new double[1][2]).build())
        .getMessage().contains("horizontal couplings must have shape [2][1]"));
    IsingGrid g = IsingGrid.builder(2, 2).build();
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> g.energy(Nd4j.createFromArray(new double[][] {{1, 0, 1, 1}})))
        .getMessage().contains("x must hold only -1 and 1, got 0.0 at [0, 1]"));
  }
}
