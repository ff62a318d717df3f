package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The flow's map, inverse, density and derivatives against definitions computed without its own reverse passes. */
class RealNvpTest {
  /** A flow with all parameters drawn N(0, scale^2), so that no block is the identity. */
  static RealNvp randomFlow(int d, int blocks, Activation act, double scale, long seed) {
    RealNvp f = RealNvp.builder(d).blocks(blocks).hidden(8, 6).activation(act).logScaleBound(1.5).seed(seed).build();
    INDArray p = Batches.zeros(f.numParams());
    new Rng(seed + 100).fillNormal(Batches.buffer(p), f.numParams());
    f.setParams(p.muli(scale));
    return f;
  }

  static INDArray normals(int n, int d, long seed) {
    INDArray z = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(z), n * d);
    return z;
  }

  @Test
  void aNewFlowIsTheIdentity() {
    RealNvp f = RealNvp.builder(3).seed(4).build();
    INDArray z = normals(50, 3, 1);
    RealNvp.Mapped m = f.forward(z);
    assertEquals(0.0, m.points().sub(z).amaxNumber().doubleValue(), 0.0);
    assertEquals(0.0, m.logDet().amaxNumber().doubleValue(), 0.0);
  }

  @Test
  void inverseUndoesForwardAndNegatesTheLogDeterminant() {
    for (int d : new int[] {2, 3, 5}) {
      RealNvp f = randomFlow(d, 4, Activation.TANH, 0.6, d);
      INDArray z = normals(200, d, 7);
      RealNvp.Mapped fx = f.forward(z);
      RealNvp.Mapped back = f.inverse(fx.points());
      double err = back.points().sub(z).amaxNumber().doubleValue();
      double ldErr = back.logDet().add(fx.logDet()).amaxNumber().doubleValue();
      assertTrue(err < 1e-10, "d=" + d + ": |T^-1(T(z)) - z| = " + err);
      assertTrue(ldErr < 1e-10, "d=" + d + ": log-determinants differ by " + ldErr);
      assertTrue(fx.logDet().amaxNumber().doubleValue() > 0.1, "the random flow is not volume preserving");
    }
  }

  /** log|det| of the d x d Jacobian of x -> T^{-1}(x) at row i, by central differences and LU. */
  private static double fdLogDetInverse(RealNvp f, INDArray x, int i, double eps) {
    int d = (int) x.columns();
    double[][] jac = new double[d][d];
    for (int j = 0; j < d; j++) {
      INDArray xp = x.getRow(i).dup().reshape(1, d);
      INDArray xm = xp.dup();
      xp.putScalar(0, j, xp.getDouble(0, j) + eps);
      xm.putScalar(0, j, xm.getDouble(0, j) - eps);
      INDArray zp = f.inverse(xp).points();
      INDArray zm = f.inverse(xm).points();
      for (int r = 0; r < d; r++) {
        jac[r][j] = (zp.getDouble(0, r) - zm.getDouble(0, r)) / (2 * eps);
      }
    }
    return logAbsDet(jac);
  }

  static double logAbsDet(double[][] m) {
    int d = m.length;
    double[][] a = new double[d][];
    for (int r = 0; r < d; r++) {
      a[r] = m[r].clone();
    }
    double s = 0;
    for (int c = 0; c < d; c++) {
      int piv = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      s += Math.log(Math.abs(a[c][c]));
      for (int r = c + 1; r < d; r++) {
        double fct = a[r][c] / a[c][c];
        for (int k = c; k < d; k++) {
          a[r][k] -= fct * a[c][k];
        }
      }
    }
    return s;
  }

  @Test
  void logDensityIsTheChangeOfVariablesWithFiniteDifferenceJacobians() {
    for (int d : new int[] {2, 3}) {
      RealNvp f = randomFlow(d, 3, Activation.SILU, 0.5, 10 + d);
      INDArray x = normals(6, d, 3).muli(1.5);
      INDArray logq = f.logDensity(x);
      INDArray z = f.inverse(x).points();
      for (int i = 0; i < 6; i++) {
        double z2 = 0;
        for (int j = 0; j < d; j++) {
          z2 += z.getDouble(i, j) * z.getDouble(i, j);
        }
        double expected = -0.5 * z2 - 0.5 * d * Math.log(2 * Math.PI) + fdLogDetInverse(f, x, i, 1e-5);
        assertEquals(expected, logq.getDouble(i), 1e-7, "d=" + d + " row " + i);
      }
    }
  }

  @Test
  void sampledLogDensitiesAgreeWithLogDensity() {
    RealNvp f = randomFlow(3, 4, Activation.TANH, 0.5, 21);
    RealNvp.Draws s = f.sample(300, new Rng(5));
    double err = f.logDensity(s.x()).sub(s.logDensity()).amaxNumber().doubleValue();
    assertTrue(err < 1e-10, "log q of the draws differs by " + err);
  }

  @Test
  void gradLogDensityMatchesFiniteDifferences() {
    RealNvp f = randomFlow(3, 4, Activation.TANH, 0.5, 31);
    INDArray x = normals(5, 3, 8);
    INDArray g = f.gradLogDensity(x);
    double eps = 1e-5;
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 3; j++) {
        INDArray xp = x.dup();
        INDArray xm = x.dup();
        xp.putScalar(i, j, x.getDouble(i, j) + eps);
        xm.putScalar(i, j, x.getDouble(i, j) - eps);
        double fd = (f.logDensity(xp).getDouble(i) - f.logDensity(xm).getDouble(i)) / (2 * eps);
        assertEquals(fd, g.getDouble(i, j), 1e-7 * (1 + Math.abs(fd)), "[" + i + ", " + j + "]");
      }
    }
  }

  /** d loss / d theta_k by central differences. */
  private static double fdParam(RealNvp f, int k, double eps, java.util.function.DoubleSupplier loss) {
    double v = f.params().getDouble(k);
    f.params().putScalar(k, v + eps);
    double lp = loss.getAsDouble();
    f.params().putScalar(k, v - eps);
    double lm = loss.getAsDouble();
    f.params().putScalar(k, v);
    return (lp - lm) / (2 * eps);
  }

  private static void assertGradient(RealNvp f, INDArray grad, java.util.function.DoubleSupplier loss) {
    String[] names = f.paramNames();
    int p = f.numParams();
    // every parameter of a small flow: all layers and all blocks
    for (int k = 0; k < p; k++) {
      double fd = fdParam(f, k, 1e-5, loss);
      double an = grad.getDouble(k);
      assertEquals(fd, an, 1e-7 + 1e-6 * Math.abs(fd), names[k]);
    }
  }

  @Test
  void forwardKlParameterGradientMatchesFiniteDifferences() {
    RealNvp f = randomFlow(3, 3, Activation.SILU, 0.4, 41);
    INDArray x = normals(7, 3, 9);
    INDArray w = Nd4j.createFromArray(new double[] {0.5, 1, 2, 0.1, 3, 1, 0.7});
    INDArray grad = Batches.zeros(f.numParams());
    double loss = f.forwardKl(x, w, grad);
    assertEquals(-(f.logDensity(x).mul(w).sumNumber().doubleValue() / w.sumNumber().doubleValue()), loss, 1e-12);
    assertGradient(f, grad, () -> f.forwardKl(x, w, null));
  }

  @Test
  void reverseKlParameterGradientMatchesFiniteDifferences() {
    RealNvp f = randomFlow(2, 4, Activation.TANH, 0.4, 51);
    Energy target = Energies.mixture(new double[][] {{-1, 0.5}, {2, -1}}, new double[] {0.3, 0.7});
    INDArray z = normals(9, 2, 10);
    INDArray grad = Batches.zeros(f.numParams());
    double loss = f.reverseKl(target, z, grad);
    RealNvp.Mapped m = f.forward(z);
    INDArray logq = f.logDensity(m.points());
    double expected = logq.add(target.energy(m.points())).meanNumber().doubleValue();
    assertEquals(expected, loss, 1e-10);
    assertGradient(f, grad, () -> f.reverseKl(target, z, null));
  }

  @Test
  void latentGradientOfThePulledBackTargetMatchesFiniteDifferences() {
    // V(z) = U(T(z)) - log|det dT/dz|, the potential NeuTra samples in the latent space
    RealNvp f = randomFlow(3, 3, Activation.TANH, 0.5, 81);
    Energy u = Energies.gaussian(new double[] {0.5, -1, 2}, new double[] {1.5, 0.7, 1});
    INDArray z = normals(4, 3, 12);
    RealNvp.Work w = f.work(4);
    w.in[0].assign(z);
    f.pushForward(w);
    w.bar.assign(u.gradX(w.x()));
    java.util.Arrays.fill(w.ldBar, 0, 4, -1.0);
    f.backwardOfForward(w, null);
    INDArray grad = w.bar.dup();
    java.util.function.ToDoubleBiFunction<INDArray, Integer> v = (zz, i) -> {
      RealNvp.Mapped m = f.forward(zz);
      return u.energy(m.points()).getDouble(i) - m.logDet().getDouble(i);
    };
    double eps = 1e-5;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        INDArray zp = z.dup();
        INDArray zm = z.dup();
        zp.putScalar(i, j, z.getDouble(i, j) + eps);
        zm.putScalar(i, j, z.getDouble(i, j) - eps);
        double fd = (v.applyAsDouble(zp, i) - v.applyAsDouble(zm, i)) / (2 * eps);
        assertEquals(fd, grad.getDouble(i, j), 1e-7 * (1 + Math.abs(fd)), "[" + i + ", " + j + "]");
      }
    }
  }

  @Test
  void gradientsAccumulateIntoTheTarget() {
    RealNvp f = randomFlow(2, 2, Activation.TANH, 0.4, 61);
    INDArray x = normals(10, 2, 11);
    INDArray once = Batches.zeros(f.numParams());
    f.forwardKl(x, null, once);
    INDArray twice = Batches.zeros(f.numParams());
    f.forwardKl(x, null, twice);
    f.forwardKl(x, null, twice);
    assertTrue(twice.sub(once.mul(2)).amaxNumber().doubleValue() < 1e-12);
  }

  @Test
  void sameSeedSameFlowAndSameDraws() {
    RealNvp a = randomFlow(2, 3, Activation.TANH, 0.5, 71);
    RealNvp b = a.copy();
    INDArray xa = a.sample(3000, new Rng(3)).x();
    INDArray xb = b.sample(3000, new Rng(3)).x();
    assertEquals(0.0, xa.sub(xb).amaxNumber().doubleValue(), 0.0);
    DoubleBuffer pa = Batches.buffer(a.params());
    pa.put(0, pa.get(0) + 1);
    assertTrue(b.params().getDouble(0) != a.params().getDouble(0), "copy() shares parameters");
  }

  @Test
  void badInputIsRejectedWithTheParameterName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RealNvp.builder(1)).getMessage().contains("d "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RealNvp.builder(2).blocks(0)).getMessage()
        .contains("blocks"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RealNvp.builder(2).logScaleBound(-1))
        .getMessage().contains("logScaleBound"));
    RealNvp f = RealNvp.builder(2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> f.logDensity(Batches.zeros(3, 3))).getMessage()
        .contains("x must have shape"));
    INDArray nan = Batches.zeros(2, 2);
    nan.putScalar(1, 0, Double.NaN);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> f.forward(nan)).getMessage().contains("z must be"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> f.forwardKl(Batches.zeros(2, 2), Nd4j.createFromArray(1.0, -1.0), null)).getMessage().contains("w "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> f.sample(0, new Rng(1))).getMessage()
        .contains("n must"));
  }
}
