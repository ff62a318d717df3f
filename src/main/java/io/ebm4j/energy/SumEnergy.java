package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable energy plus a fixed one, U(x) = U_theta(x) + V(x): the composition that makes a neural energy a proper
 * density (V a wide Gaussian confines it) or adds a prior. Parameters and parameter gradients are those of U_theta;
 * energies and input gradients add.
 *
 * <pre>{@code
 * TrainableEnergy u = Energies.plus(mlp, Energies.gaussian(new double[] {0, 0}, new double[] {8, 8}));
 * }</pre>
 */
public final class SumEnergy implements TrainableEnergy {
  private final TrainableEnergy trainable;
  private final Energy fixed;
  private INDArray u2;
  private INDArray g2;

  SumEnergy(TrainableEnergy trainable, Energy fixed) {
    if (trainable == null || fixed == null) {
      throw new IllegalArgumentException("both energies are required");
    }
    if (trainable.dim() != fixed.dim()) {
      throw new IllegalArgumentException("energies must have the same dimension, got " + trainable.dim() + " and "
          + fixed.dim());
    }
    this.trainable = trainable;
    this.fixed = fixed;
  }

  /** The trainable part. */
  public TrainableEnergy trainable() {
    return trainable;
  }

  /** The fixed part. */
  public Energy fixed() {
    return fixed;
  }

  @Override
  public int dim() {
    return trainable.dim();
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    trainable.evaluate(x, u, g);
    int n = (int) x.rows();
    if (u2 == null || u2.length() != n) {
      u2 = Batches.zeros(n);
      g2 = Batches.zeros(n, dim());
    }
    fixed.evaluate(x, u2, g == null ? null : g2);
    java.nio.DoubleBuffer ub = Batches.buffer(u);
    java.nio.DoubleBuffer vb = Batches.buffer(u2);
    for (int i = 0; i < n; i++) {
      ub.put(i, ub.get(i) + vb.get(i));
    }
    if (g != null) {
      java.nio.DoubleBuffer gb = Batches.buffer(g);
      java.nio.DoubleBuffer hb = Batches.buffer(g2);
      for (int k = 0; k < n * dim(); k++) {
        gb.put(k, gb.get(k) + hb.get(k));
      }
    }
  }

  @Override
  public INDArray params() {
    return trainable.params();
  }

  @Override
  public String[] paramNames() {
    return trainable.paramNames();
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    trainable.accumulateParamGradient(x, w, scale, out);
  }

  @Override
  public SumEnergy copy() {
    return new SumEnergy(trainable.copy(), fixed);
  }

  @Override
  public String toString() {
    return "Sum{" + trainable + " + " + fixed + "}";
  }
}
