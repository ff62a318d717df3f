package io.ebm4j.tribuo;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A trained MLP energy plus the standard Gaussian on standardised features; parameters kept as a plain array. */
final class FittedMlp implements FittedEnergy {
  private static final long serialVersionUID = 1L;
  private final Scaling scaling;
  private final int[] hidden;
  private final Activation activation;
  private final double[] params;
  private transient SumEnergy energy;

  FittedMlp(Scaling scaling, int[] hidden, Activation activation, double[] params) {
    this.scaling = scaling;
    this.hidden = hidden.clone();
    this.activation = activation;
    this.params = params.clone();
  }

  @Override
  public int dim() {
    return scaling.dim();
  }

  @Override
  public synchronized SumEnergy energy() {
    if (energy == null) {
      Mlp mlp = Mlp.builder(dim()).hidden(hidden).activation(activation).dtype(DataType.DOUBLE).build()
          .setParams(Batches.vector(params));
      energy = Energies.plus(mlp, Energies.standardNormal(dim()));
    }
    return energy;
  }

  @Override
  public double[] energies(INDArray x) {
    INDArray z = scaling.apply(x);
    synchronized (this) { // the MLP's work buffers are not shared across threads
      return Batches.toArray(energy().energy(z));
    }
  }
}
