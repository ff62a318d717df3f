package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.jgrapht.alg.flow.BoykovKolmogorovMFImpl;
import org.jgrapht.alg.flow.DinicMFImpl;
import org.jgrapht.alg.flow.EdmondsKarpMFImpl;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GraphCutMapTest {
  /** A grid with independent couplings J ~ U(0, jMax) per edge and fields h ~ N(0, hScale^2) per site. */
  static IsingGrid randomGrid(int h, int w, double jMax, double hScale, boolean periodic, long seed) {
    Rng rng = new Rng(seed);
    int hw = periodic ? w : w - 1;
    int vh = periodic ? h : h - 1;
    double[][] horizontal = new double[h][hw];
    double[][] vertical = new double[vh][w];
    for (double[] row : horizontal) {
      for (int k = 0; k < row.length; k++) {
        row[k] = jMax * rng.uniform();
      }
    }
    for (double[] row : vertical) {
      for (int k = 0; k < row.length; k++) {
        row[k] = jMax * rng.uniform();
      }
    }
    double[] field = new double[h * w];
    for (int i = 0; i < field.length; i++) {
      field[i] = hScale * rng.normal();
    }
    return IsingGrid.builder(h, w).couplings(horizontal, vertical).field(field).periodic(periodic).build();
  }

  private static double minimumByEnumeration(IsingGrid g) {
    double[] u = Batches.toArray(g.energy(ExactPartition.states(g.dim(), Encoding.PLUS_MINUS_ONE)));
    double m = Double.POSITIVE_INFINITY;
    for (double v : u) {
      m = Math.min(m, v);
    }
    return m;
  }

  @Test
  void graphCutFindsTheMinimumEnergyOfEnumerationOnSmallGrids() {
    int[][] sizes = {{3, 4}, {4, 4}, {3, 3}};
    double worst = 0;
    int cases = 0;
    for (int[] s : sizes) {
      for (long seed = 0; seed < 8; seed++) {
        boolean periodic = s[0] == 3 && s[1] == 3 && seed % 2 == 1;
        IsingGrid g = randomGrid(s[0], s[1], 1.5, 1.0, periodic, 100 * s[0] + 10 * s[1] + seed);
        MapEstimate m = GraphCutMap.minimize(g);
        double exact = minimumByEnumeration(g);
        assertEquals(exact, m.bestEnergy(), 1e-9, s[0] + "x" + s[1] + " seed " + seed);
        assertEquals(m.bestEnergy(), g.energy(m.best()).getDouble(0), 1e-12);
        worst = Math.max(worst, Math.abs(exact - m.bestEnergy()));
        cases++;
      }
    }
    System.out.printf("graph cut vs enumeration: %d grids, largest |U_cut - U_min| = %.2e%n", cases, worst);
  }

  @Test
  void denoisingPosteriorsAreMinimisedExactlyToo() {
    for (long seed = 0; seed < 6; seed++) {
      Rng rng = new Rng(seed);
      INDArray y = Batches.zeros(1, 16);
      for (int i = 0; i < 16; i++) {
        y.putScalar(0, i, rng.uniform() < 0.5 ? -1.0 : 1.0);
      }
      double j = 2 * rng.uniform();
      double h = 0.1 + 2 * rng.uniform();
      IsingGrid g = DenoisingPosterior.of(y, 4, 4, j, h).grid();
      assertEquals(minimumByEnumeration(g), GraphCutMap.minimize(g).bestEnergy(), 1e-9, "seed " + seed);
    }
  }

  @Test
  void cutValueIsTheEnergyPlusAConstantForEveryState() {
    IsingGrid g = randomGrid(3, 4, 1.0, 0.7, false, 5);
    INDArray all = ExactPartition.states(12, Encoding.PLUS_MINUS_ONE);
    double[] u = Batches.toArray(g.energy(all));
    double offset = GraphCutMap.offset(g);
    double worst = 0;
    for (int s = 0; s < u.length; s++) {
      worst = Math.max(worst, Math.abs(GraphCutMap.cutValue(g, all, s) + offset - u[s]));
    }
    assertTrue(worst < 1e-12, "max |cut + offset - U| over 4096 states = " + worst);
    // and the max-flow value is the capacity of the minimum cut, i.e. U(MAP) - offset
    GraphCutMap.Cut cut = GraphCutMap.solve(g, BoykovKolmogorovMFImpl::new);
    assertEquals(cut.estimate().bestEnergy(), cut.capacity() + offset, 1e-9);
  }

  @Test
  void everyJGraphTMaxFlowGivesTheSameMinimumEnergy() {
    IsingGrid g = randomGrid(12, 12, 1.0, 1.0, false, 9);
    double bk = GraphCutMap.solve(g, BoykovKolmogorovMFImpl::new).estimate().bestEnergy();
    assertEquals(bk, GraphCutMap.solve(g, PushRelabelMFImpl::new).estimate().bestEnergy(), 1e-9);
    assertEquals(bk, GraphCutMap.solve(g, EdmondsKarpMFImpl::new).estimate().bestEnergy(), 1e-9);
    assertEquals(bk, GraphCutMap.solve(g, DinicMFImpl::new).estimate().bestEnergy(), 1e-9);
  }

  @Test
  void aNegativeCouplingIsRejectedNamingItsValue() {
    IsingGrid g = IsingGrid.builder(3, 3).coupling(-0.3).field(0.1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphCutMap.minimize(g));
    assertTrue(e.getMessage().contains("coupling") && e.getMessage().contains("-0.3"), e.getMessage());
  }
}
