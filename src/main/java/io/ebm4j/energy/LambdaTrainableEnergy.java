package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable energy from three batch functions of (x, theta): U [N], grad_x U [N, d] and the per-point parameter
 * gradients G [N, P]. The weighted parameter gradient sum_i w_i dU(x_i)/dtheta is then w^T G, one matrix product.
 * Results are checked for shape on every call and for finiteness on the first call of each function.
 */
final class LambdaTrainableEnergy implements TrainableEnergy {
  private final int d;
  private final INDArray params;
  private final String[] names;
  private final BatchEnergy energy;
  private final BatchGradX gradX;
  private final BatchParamGrad paramGrad;
  private boolean energyChecked;
  private boolean gradChecked;
  private boolean paramGradChecked;

  LambdaTrainableEnergy(int d, INDArray params, String[] names, BatchEnergy energy, BatchGradX gradX,
      BatchParamGrad paramGrad) {
    if (d < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + d);
    }
    if (params == null || params.length() < 1) {
      throw new IllegalArgumentException("params must hold at least one value, got "
          + (params == null ? "null" : "length 0"));
    }
    if (energy == null || gradX == null || paramGrad == null) {
      throw new IllegalArgumentException("energy, gradX and paramGrad must not be null, got " + energy + ", " + gradX
          + ", " + paramGrad);
    }
    int p = (int) params.length();
    this.params = Batches.requireWeights(params.reshape(p).castTo(DataType.DOUBLE).dup('c'), p, "params");
    if (names == null) {
      names = new String[p];
      for (int k = 0; k < p; k++) {
        names[k] = "p" + k;
      }
    } else if (names.length != p) {
      throw new IllegalArgumentException("paramNames must have length " + p + " (one per parameter), got "
          + names.length);
    }
    this.names = names.clone();
    this.d = d;
    this.energy = energy;
    this.gradX = gradX;
    this.paramGrad = paramGrad;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    return names.clone();
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    u.assign(Results.energies(energy.apply(x, params), x, "energy function", !energyChecked));
    energyChecked = true;
    if (g != null) {
      g.assign(Results.matrix(gradX.apply(x, params), x, d, "gradX function", !gradChecked));
      gradChecked = true;
    }
  }

  /** out += scale * w^T G with G [N, P] the per-point parameter gradients (w null: all ones). */
  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    INDArray gp = Results.matrix(paramGrad.apply(x, params), x, params.length(), "paramGrad function",
        !paramGradChecked);
    paramGradChecked = true;
    long n = x.rows();
    INDArray weights = w == null ? Nd4j.ones(DataType.DOUBLE, 1, n) : w.castTo(DataType.DOUBLE).reshape(1, n);
    INDArray row = weights.mmul(gp).reshape(params.length()).muli(scale);
    out.addi(row.castTo(out.dataType()));
  }

  @Override
  public LambdaTrainableEnergy copy() {
    return new LambdaTrainableEnergy(d, params.dup(), names, energy, gradX, paramGrad);
  }

  @Override
  public String toString() {
    return "LambdaTrainableEnergy{d=" + d + ", params=" + java.util.Arrays.toString(Batches.toArray(params)) + "}";
  }
}
