package io.ebm4j.tribuo;

import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A fitted isotropic mixture on standardised features (IsotropicMixture keeps plain arrays: serializable). */
final class FittedMixture implements FittedEnergy {
  private static final long serialVersionUID = 1L;
  private final Scaling scaling;
  private final IsotropicMixture mixture;

  FittedMixture(Scaling scaling, IsotropicMixture mixture) {
    this.scaling = scaling;
    this.mixture = mixture;
  }

  @Override
  public int dim() {
    return scaling.dim();
  }

  @Override
  public IsotropicMixture energy() {
    return mixture;
  }

  @Override
  public double[] energies(INDArray x) {
    return Batches.toArray(mixture.energy(scaling.apply(x)));
  }
}
