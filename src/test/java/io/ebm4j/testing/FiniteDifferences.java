package io.ebm4j.testing;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of energies, for checking analytic gradients. */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /** d U(x_i) / d x_ij by central differences with step eps. */
  public static double gradX(Energy e, INDArray x, int i, int j, double eps) {
    INDArray xp = x.dup();
    INDArray xm = x.dup();
    xp.putScalar(i, j, x.getDouble(i, j) + eps);
    xm.putScalar(i, j, x.getDouble(i, j) - eps);
    return (e.energy(xp).getDouble(i) - e.energy(xm).getDouble(i)) / (2 * eps);
  }

  /** d f / d theta_k by central differences with step eps (f re-evaluated after each change). */
  public static double dParam(TrainableEnergy e, int k, double eps, DoubleSupplier f) {
    double v = e.params().getDouble(k);
    e.params().putScalar(k, v + eps);
    double fp = f.getAsDouble();
    e.params().putScalar(k, v - eps);
    double fm = f.getAsDouble();
    e.params().putScalar(k, v);
    return (fp - fm) / (2 * eps);
  }

  /** Laplacian of U at row i by second differences. */
  public static double laplacian(Energy e, INDArray x, int i, double eps) {
    double s = 0;
    double u0 = e.energy(x).getDouble(i);
    for (int j = 0; j < x.columns(); j++) {
      INDArray xp = x.dup();
      INDArray xm = x.dup();
      xp.putScalar(i, j, x.getDouble(i, j) + eps);
      xm.putScalar(i, j, x.getDouble(i, j) - eps);
      s += (e.energy(xp).getDouble(i) - 2 * u0 + e.energy(xm).getDouble(i)) / (eps * eps);
    }
    return s;
  }

  /** Sum over rows of the parameter gradient with unit weights, as a Java array. */
  public static double[] paramGradient(TrainableEnergy e, INDArray x, INDArray w) {
    INDArray out = Batches.zeros(e.numParams());
    e.accumulateParamGradient(x, w, 1.0, out);
    return Batches.toArray(out);
  }
}
