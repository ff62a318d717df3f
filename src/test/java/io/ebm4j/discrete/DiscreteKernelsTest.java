package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DiscreteKernelsTest {
  private static final int WALKERS = 20_000;

  /** Runs burnIn sweeps, then histograms the states of all chains every `spacing` sweeps, `draws` times. */
  private static <E extends BinaryEnergy> long[] histogram(DiscreteKernel<E> k, E e, INDArray x0, int burnIn,
      int draws, int spacing, long seed) {
    Rng rng = new Rng(seed);
    BinaryChains c = k.init(e, x0);
    for (int t = 0; t < burnIn; t++) {
      k.step(e, c, rng);
    }
    long[] counts = new long[1 << e.dim()];
    int d = e.dim();
    for (int m = 0; m < draws; m++) {
      for (int t = 0; t < spacing; t++) {
        k.step(e, c, rng);
      }
      double[] x = Batches.toArray(c.positions());
      for (int i = 0; i < c.size(); i++) {
        int s = 0;
        for (int q = 0; q < d; q++) {
          if (x[i * d + q] > 0) {
            s |= 1 << q;
          }
        }
        counts[s]++;
      }
      // cached energies stay equal to fresh ones
      INDArray fresh = e.energy(c.positions());
      for (int i = 0; i < c.size(); i += 997) {
        assertEquals(fresh.getDouble(i), c.energies().getDouble(i), 1e-9, "cached energy of chain " + i);
      }
    }
    return counts;
  }

  private static INDArray constant(int n, int d, double v) {
    INDArray x = Batches.zeros(n, d);
    x.assign(v);
    return x;
  }

  private static double tvFromStart(double[] p, int state) {
    return 1 - p[state];
  }

  @Test
  void checkerboardGibbsReachesTheExactIsingDistributionWithinTvOf003() {
    IsingGrid g = IsingGrid.builder(3, 3).coupling(0.4).field(0.1).build();
    double[] p = ExactPartition.probabilities(g);
    assertTrue(tvFromStart(p, 511) > 0.8, "the start (all up) is far from rho");
    double tv = BinaryStates.tv(histogram(DiscreteKernels.checkerboard(), g, constant(WALKERS, 9, 1), 50, 10, 5, 1),
        p);
    System.out.printf("checkerboard 3x3 free: TV = %.4f%n", tv);
    assertTrue(tv < 0.03, "TV " + tv);
  }

  @Test
  void metropolisRandomAndSystematicScansReachThePeriodicIsingDistribution() {
    double[] field = new double[9];
    for (int k = 0; k < 9; k++) {
      field[k] = 0.2 * Math.cos(k);
    }
    IsingGrid g = IsingGrid.builder(3, 3).coupling(0.3).field(field).periodic(true).build();
    double[] p = ExactPartition.probabilities(g);
    for (Scan scan : Scan.values()) {
      double tv = BinaryStates.tv(histogram(DiscreteKernels.metropolis(scan), g, constant(WALKERS, 9, -1), 50, 10, 5,
          2), p);
      System.out.printf("metropolis(%s) 3x3 periodic: TV = %.4f%n", scan, tv);
      assertTrue(tv < 0.03, scan + " TV " + tv);
    }
  }

  @Test
  void heatBathGibbsReachesTheBoltzmannMachineDistribution() {
    BoltzmannMachine bm = BoltzmannMachineTest.random(6, 0.8, 3);
    double[] p = ExactPartition.probabilities(bm);
    double tv = BinaryStates.tv(histogram(DiscreteKernels.heatBath(), bm, constant(WALKERS, 6, 0), 50, 10, 5, 3), p);
    System.out.printf("heat-bath Boltzmann machine n=6: TV = %.4f%n", tv);
    assertTrue(tv < 0.02, "TV " + tv);
  }

  @Test
  void blockGibbsAndMetropolisReachTheRbmVisibleDistribution() {
    Rbm r = BinaryStates.randomRbm(6, 4, 1.0, 4);
    double[] p = ExactPartition.probabilities(r);
    double tvGibbs = BinaryStates.tv(histogram(DiscreteKernels.blockGibbs(), r, constant(WALKERS, 6, 0), 50, 10, 5,
        4), p);
    double tvMh = BinaryStates.tv(histogram(DiscreteKernels.metropolis(Scan.RANDOM), r, constant(WALKERS, 6, 0), 50,
        10, 5, 5), p);
    System.out.printf("RBM 6x4: block Gibbs TV = %.4f, Metropolis TV = %.4f%n", tvGibbs, tvMh);
    assertTrue(tvGibbs < 0.02, "block Gibbs TV " + tvGibbs);
    assertTrue(tvMh < 0.02, "Metropolis TV " + tvMh);
  }

  @Test
  void sameSeedGivesTheSameChainsAndMetropolisReportsItsAcceptance() {
    IsingGrid g = IsingGrid.builder(4, 4).coupling(0.5).periodic(true).build();
    INDArray x0 = BinaryStates.random(3000, 16, Encoding.PLUS_MINUS_ONE, 6);
    double[][] runs = new double[2][];
    double acc = 0;
    for (int r = 0; r < 2; r++) {
      DiscreteKernel<BinaryEnergy> k = DiscreteKernels.metropolis(Scan.RANDOM);
      BinaryChains c = k.init(g, x0);
      Rng rng = new Rng(7);
      for (int t = 0; t < 5; t++) {
        StepInfo s = k.step(g, c, rng);
        acc = s.acceptance();
      }
      runs[r] = Batches.toArray(c.positions());
    }
    assertArrayEquals(runs[0], runs[1]);
    assertTrue(acc > 0.05 && acc < 0.95, "acceptance " + acc);
  }

  @Test
  void jarzynskiTransportEstimatesTheIsingPartitionRatioAlongACouplingRamp() {
    // J ramps from 0 to 0.5 in 25 steps; walkers start exactly (uniform at J = 0) and carry log-weights
    int steps = 25;
    int n = 10_000;
    DiscreteKernel<IsingGrid> k = DiscreteKernels.checkerboard();
    IsingGrid g0 = IsingGrid.builder(3, 3).coupling(0).build();
    BinaryChains c = k.init(g0, BinaryStates.random(n, 9, Encoding.PLUS_MINUS_ONE, 8));
    Rng rng = new Rng(9);
    IsingGrid g = g0;
    for (int t = 1; t <= steps; t++) {
      g = IsingGrid.builder(3, 3).coupling(0.5 * t / steps).build();
      k.transport(g, c, rng);
    }
    double estimate = c.logMeanWeight();
    double exact = ExactPartition.logZ(g) - ExactPartition.logZ(g0);
    System.out.printf("Jarzynski Ising ramp: log Z ratio %.4f vs exact %.4f, ESS/N %.3f%n", estimate, exact,
        c.essFraction());
    assertEquals(exact, estimate, 0.02);
  }

  @Test
  void checkerboardRefusesANonBipartiteGrid() {
    IsingGrid odd = IsingGrid.builder(3, 3).coupling(0.1).periodic(true).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiscreteKernels.checkerboard().init(odd, constant(2, 9, 1)));
    assertTrue(e.getMessage().contains("bipartite"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DiscreteKernels.metropolis(null));
  }
}
