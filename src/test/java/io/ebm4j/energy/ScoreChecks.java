package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The score-matching objectives computed from their definitions, by central differences of the energy, and checks of
 * an analytic parameter gradient against central differences of the matching objective.
 */
final class ScoreChecks {
  private ScoreChecks() {}

  /** Mean over rows of |grad U|^2/2 - Laplacian U, with grad U checked by differences and the Laplacian by them. */
  static double scoreMatchingLoss(Energy e, INDArray x) {
    INDArray g = e.gradX(x);
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.columns(); j++) {
        assertEquals(FiniteDifferences.gradX(e, x, i, j, 1e-5), g.getDouble(i, j), 1e-6, "grad U at " + i + "," + j);
        s += 0.5 * g.getDouble(i, j) * g.getDouble(i, j);
      }
      s -= FiniteDifferences.laplacian(e, x, i, 1e-4);
    }
    return s / x.rows();
  }

  /** Mean over rows of (v . grad U)^2/2 - v^T Hess U v, the second directional derivative by differences. */
  static double slicedLoss(Energy e, INDArray x, INDArray v) {
    double eps = 1e-4;
    INDArray g = e.gradX(x);
    INDArray u0 = e.energy(x);
    INDArray up = e.energy(x.add(v.mul(eps)));
    INDArray um = e.energy(x.sub(v.mul(eps)));
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      double vg = 0;
      for (int j = 0; j < x.columns(); j++) {
        vg += v.getDouble(i, j) * g.getDouble(i, j);
      }
      double vhv = (up.getDouble(i) - 2 * u0.getDouble(i) + um.getDouble(i)) / (eps * eps);
      s += 0.5 * vg * vg - vhv;
    }
    return s / x.rows();
  }

  /** Mean over rows of |grad U(x + sigma eps) - eps / sigma|^2 / 2. */
  static double denoisingLoss(Energy e, INDArray x, INDArray eps, double sigma) {
    INDArray g = e.gradX(x.add(eps.mul(sigma)));
    INDArray r = g.sub(eps.div(sigma));
    return 0.5 * r.mul(r).sumNumber().doubleValue() / x.rows();
  }

  /** sum_i a_i . grad U(x_i). */
  static double scoreProduct(Energy e, INDArray x, INDArray a) {
    return e.gradX(x).mul(a).sumNumber().doubleValue();
  }

  /** An [n, d] batch of standard normals scaled by s, from a fixed seed. */
  static INDArray normals(int n, int d, double s, long seed) {
    INDArray a = Batches.zeros(n, d);
    new Rng(seed).fillNormal(Batches.buffer(a), n * d);
    return a.muli(s);
  }

  /**
   * Checks every capability e implements against its definition: each loss against central differences of the
   * energy, each parameter gradient against central differences of its loss (every k-th parameter), the mixed
   * gradient against differences of sum_i a_i . grad U(x_i).
   */
  static void checkCapabilities(TrainableEnergy e, INDArray x, int every, double tol) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    int p = e.numParams();
    if (e instanceof ScoreMatchable sm) {
      double loss = sm.scoreMatchingLoss(x);
      assertEquals(scoreMatchingLoss(e, x), loss, tol * Math.max(1, Math.abs(loss)), "score-matching loss");
      INDArray grad = Batches.zeros(p);
      sm.accumulateScoreMatchingGradient(x, 1.0 / n, grad);
      checkParamGradient(e, grad, 1.0, () -> sm.scoreMatchingLoss(x), every, tol, "score matching");
    }
    if (e instanceof SlicedScoreMatchable ssm) {
      INDArray v = normals(n, d, 1.0, 11);
      double loss = ssm.slicedScoreMatchingLoss(x, v);
      assertEquals(slicedLoss(e, x, v), loss, tol * Math.max(1, Math.abs(loss)), "sliced loss");
      INDArray grad = Batches.zeros(p);
      ssm.accumulateSlicedScoreMatchingGradient(x, v, 1.0 / n, grad);
      checkParamGradient(e, grad, 1.0, () -> ssm.slicedScoreMatchingLoss(x, v), every, tol, "sliced");
    }
    if (e instanceof DenoisingScoreMatchable dsm) {
      INDArray eps = normals(n, d, 1.0, 12);
      double sigma = 0.3;
      double loss = dsm.denoisingScoreMatchingLoss(x, eps, sigma);
      assertEquals(denoisingLoss(e, x, eps, sigma), loss, tol * Math.max(1, Math.abs(loss)), "denoising loss");
      INDArray grad = Batches.zeros(p);
      dsm.accumulateDenoisingScoreMatchingGradient(x, eps, sigma, 1.0 / n, grad);
      checkParamGradient(e, grad, 1.0, () -> dsm.denoisingScoreMatchingLoss(x, eps, sigma), every, tol, "denoising");
      INDArray fresh = Batches.zeros(p);
      INDArray drawn = dsm.accumulateDenoisingScoreMatchingGradient(x, sigma, new Rng(3), 1.0 / n, fresh);
      INDArray again = Batches.zeros(p);
      dsm.accumulateDenoisingScoreMatchingGradient(x, drawn, sigma, 1.0 / n, again);
      assertArrayEquals(Batches.toArray(again), Batches.toArray(fresh), 1e-12, "denoising with drawn noise");
    }
    if (e instanceof MixedGradient mg) {
      INDArray a = normals(n, d, 1.0, 13);
      INDArray grad = Batches.zeros(p);
      mg.accumulateMixedGradient(x, a, 1.0, grad);
      checkParamGradient(e, grad, 1.0, () -> scoreProduct(e, x, a), every, tol, "mixed");
    }
  }

  /**
   * Checks out (an analytic gradient of scale * f over theta) against central differences of f for every k-th
   * parameter, to relative-or-absolute tolerance tol.
   */
  static void checkParamGradient(TrainableEnergy e, INDArray analytic, double scale, DoubleSupplier f, int every,
      double tol, String what) {
    for (int k = 0; k < e.numParams(); k += every) {
      double fd = scale * FiniteDifferences.dParam(e, k, 1e-5, f);
      double a = analytic.getDouble(k);
      assertEquals(fd, a, tol * Math.max(1, Math.abs(fd)), what + ": d/d" + e.paramNames()[k]);
    }
  }
}
