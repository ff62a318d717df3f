package io.ebm4j.tribuo;

import io.ebm4j.discrete.Rbm;
import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A trained Bernoulli RBM on min-max scaled, binarised features; parameters kept as a plain array. */
final class FittedRbm implements FittedEnergy {
  private static final long serialVersionUID = 1L;
  private final Scaling scaling;
  private final double threshold;
  private final int visible;
  private final int hidden;
  private final double[] params;
  private transient Rbm rbm;

  FittedRbm(Scaling scaling, double threshold, int visible, int hidden, double[] params) {
    this.scaling = scaling;
    this.threshold = threshold;
    this.visible = visible;
    this.hidden = hidden;
    this.params = params.clone();
  }

  @Override
  public int dim() {
    return visible;
  }

  int hidden() {
    return hidden;
  }

  @Override
  public synchronized Rbm energy() {
    if (rbm == null) {
      Rbm r = Rbm.of(visible, hidden);
      r.params().assign(Batches.vector(params));
      rbm = r;
    }
    return rbm;
  }

  /** The 0/1 visible states of raw features x. */
  INDArray visibleStates(INDArray x) {
    return scaling.binarize(x, threshold);
  }

  @Override
  public double[] energies(INDArray x) {
    return Batches.toArray(energy().energy(visibleStates(x)));
  }

  /** p(h = 1 | v(x)) [N, n_h] for raw features x. */
  INDArray hiddenProbabilities(INDArray x) {
    return energy().hiddenProbabilities(visibleStates(x));
  }
}
