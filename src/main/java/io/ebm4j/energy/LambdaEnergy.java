package io.ebm4j.energy;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy from two batch functions, U: [N, d] -> [N] and grad_x U: [N, d] -> [N, d], e.g. lambdas typed in a
 * notebook cell. Results are checked for shape on every call and for finiteness on the first call of each function.
 */
final class LambdaEnergy implements Energy {
  private final int d;
  private final Function<INDArray, INDArray> energy;
  private final Function<INDArray, INDArray> gradX;
  private boolean energyChecked;
  private boolean gradChecked;

  LambdaEnergy(int d, Function<INDArray, INDArray> energy, Function<INDArray, INDArray> gradX) {
    if (d < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + d);
    }
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    if (gradX == null) {
      throw new IllegalArgumentException("gradX must not be null");
    }
    this.d = d;
    this.energy = energy;
    this.gradX = gradX;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    u.assign(Results.energies(energy.apply(x), x, "energy function", !energyChecked));
    energyChecked = true;
    if (g != null) {
      g.assign(Results.matrix(gradX.apply(x), x, d, "gradX function", !gradChecked));
      gradChecked = true;
    }
  }

  @Override
  public String toString() {
    return "LambdaEnergy{d=" + d + "}";
  }
}
