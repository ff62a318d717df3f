package io.ebm4j.gebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GEBM whose base is a Real NVP flow with log-density h, with energy E = r + h, is the EBM exp(-r): checked on a
 * fixed random (non-identity) flow and a tilted two-mode energy r with quartic tails, against quadrature of exp(-r)
 * on a fine 2-D grid, computed without the flow: the GEBM's normaliser log E_B[exp(-E)] is log integral exp(-r), the
 * means and second moments of its importance-resampled samples are the EBM's, and its latent energy
 * |z|^2/2 + E(T(z)) is the EBM pulled back through the flow, r(T(z)) - log|det dT/dz| - log(2 pi).
 */
class FlowGebmTest {
  private static final double SHIFT = 0.3;
  private static FlowGebm q;
  /** log integral exp(-r), E[x1], E[x2], E[x1^2], E[x2^2], E[x1 x2] by quadrature. */
  private static double[] exact;

  /** r(x) = 2 (x1^2 - 1)^2 + 0.5 x1 + 2 (x2 - 0.5 x1)^2 + 0.3: two modes near x1 = -1 and 1, unequal weights. */
  static double r(double x1, double x2) {
    double a = x1 * x1 - 1;
    double b = x2 - 0.5 * x1;
    return 2 * a * a + 0.5 * x1 + 2 * b * b + SHIFT;
  }

  static Energy ebm() {
    return Energies.of(2, x -> {
      int n = (int) x.rows();
      INDArray u = Batches.zeros(n);
      for (int i = 0; i < n; i++) {
        u.putScalar(i, r(x.getDouble(i, 0), x.getDouble(i, 1)));
      }
      return u;
    }, x -> {
      int n = (int) x.rows();
      INDArray g = Batches.zeros(n, 2);
      for (int i = 0; i < n; i++) {
        double x1 = x.getDouble(i, 0);
        double b = x.getDouble(i, 1) - 0.5 * x1;
        g.putScalar(i, 0, 8 * x1 * (x1 * x1 - 1) + 0.5 - 2 * b);
        g.putScalar(i, 1, 4 * b);
      }
      return g;
    });
  }

  /** A 4-block flow with random parameters (a new flow is the identity). */
  static RealNvp flow() {
    RealNvp f = RealNvp.builder(2).blocks(4).hidden(16).seed(1).build();
    INDArray p = Batches.zeros(f.numParams());
    new Rng(11).fillNormal(Batches.buffer(p), f.numParams());
    f.setParams(p.muli(0.3));
    return f;
  }

  @BeforeAll
  static void setUp() {
    q = FlowGebm.of(flow(), ebm());
    int m = 1200;
    double lo = -4;
    double hi = 4;
    double h = (hi - lo) / m;
    double z = 0;
    double[] s = new double[5];
    for (int i = 0; i <= m; i++) {
      double x1 = lo + i * h;
      for (int j = 0; j <= m; j++) {
        double x2 = lo + j * h;
        double w = Math.exp(-r(x1, x2));
        z += w;
        s[0] += w * x1;
        s[1] += w * x2;
        s[2] += w * x1 * x1;
        s[3] += w * x2 * x2;
        s[4] += w * x1 * x2;
      }
    }
    exact = new double[6];
    exact[0] = Math.log(z * h * h);
    for (int k = 0; k < 5; k++) {
      exact[k + 1] = s[k] / z;
    }
  }

  @Test
  void energyGradientMatchesFiniteDifferences() {
    INDArray x = Batches.zeros(6, 2);
    new Rng(4).fillNormal(Batches.buffer(x), 12);
    INDArray g = q.energy().gradX(x);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 2; j++) {
        double fd = FiniteDifferences.gradX(q.energy(), x, i, j, 1e-5);
        assertEquals(fd, g.getDouble(i, j), 1e-6 * Math.max(1, Math.abs(fd)), "dE/dx at row " + i + ", col " + j);
      }
    }
  }

  @Test
  void gebmNormaliserIsTheLogPartitionFunctionOfTheEbm() {
    double logZ = q.logNormaliser(400_000, new Rng(5));
    System.out.printf("log normaliser: GEBM %.5f, quadrature %.5f%n", logZ, exact[0]);
    assertEquals(exact[0], logZ, 0.01, "log E_B[exp(-E)] vs log integral exp(-r) by quadrature");
  }

  @Test
  void exactGebmSamplesHaveTheEbmMoments() {
    INDArray x = q.sampleExact(100_000, 400_000, new Rng(6));
    DoubleBuffer b = Batches.buffer(x);
    int n = (int) x.rows();
    double[] m = new double[5];
    for (int i = 0; i < n; i++) {
      double x1 = b.get(2 * i);
      double x2 = b.get(2 * i + 1);
      m[0] += x1;
      m[1] += x2;
      m[2] += x1 * x1;
      m[3] += x2 * x2;
      m[4] += x1 * x2;
    }
    String[] names = {"E[x1]", "E[x2]", "E[x1^2]", "E[x2^2]", "E[x1 x2]"};
    for (int k = 0; k < 5; k++) {
      System.out.printf("%s: GEBM %.4f, quadrature %.4f%n", names[k], m[k] / n, exact[k + 1]);
    }
    for (int k = 0; k < 5; k++) {
      assertEquals(exact[k + 1], m[k] / n, 0.02, names[k] + " of resampled GEBM samples vs quadrature of exp(-r)");
    }
  }

  @Test
  void baseSamplesDoNotHaveTheEbmMoments() {
    INDArray x = q.base().sample(100_000, new Rng(7)).x();
    double mean1 = x.getColumn(0).meanNumber().doubleValue();
    double second1 = x.getColumn(0).mul(x.getColumn(0)).meanNumber().doubleValue();
    System.out.printf("flow alone: E[x1] %.4f, E[x1^2] %.4f%n", mean1, second1);
    assertTrue(Math.abs(mean1 - exact[1]) > 0.1 || Math.abs(second1 - exact[3]) > 0.1,
        "the flow alone should differ from the EBM: E[x1] " + mean1 + " vs " + exact[1] + ", E[x1^2] " + second1
            + " vs " + exact[3]);
  }

  @Test
  void latentEnergyIsTheEbmPulledBackThroughTheFlow() {
    INDArray z = Batches.zeros(50, 2);
    new Rng(8).fillNormal(Batches.buffer(z), 100);
    RealNvp.Mapped t = q.base().forward(z);
    INDArray e = q.energy().energy(t.points());
    INDArray r = q.ebmEnergy().energy(t.points());
    for (int i = 0; i < 50; i++) {
      double z2 = z.getDouble(i, 0) * z.getDouble(i, 0) + z.getDouble(i, 1) * z.getDouble(i, 1);
      double latent = 0.5 * z2 + e.getDouble(i);
      double pulledBack = r.getDouble(i) - t.logDet().getDouble(i) - Math.log(2 * Math.PI);
      assertEquals(pulledBack, latent, 1e-9, "U(z) at row " + i);
    }
  }

  @Test
  void rejectsMismatchedDimensionsAndEmptyPools() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowGebm.of(flow(), Energies.standardNormal(3)));
    assertTrue(e.getMessage().contains("dim 3"), e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> q.logNormaliser(0, new Rng(1)));
    assertTrue(p.getMessage().contains("pool"), p.getMessage());
  }
}
