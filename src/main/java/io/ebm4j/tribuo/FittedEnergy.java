package io.ebm4j.tribuo;

import io.ebm4j.energy.Energy;
import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted energy on raw features: its own preprocessing (scaling, binarisation) followed by an ebm4j
 * {@link Energy}. Serializable: the parameters are kept as plain arrays and the ND4J energy is rebuilt on first use
 * after deserialisation.
 */
public interface FittedEnergy extends Serializable {
  /** Number of raw features d. */
  int dim();

  /** U(x) of each row of the raw features x [N, d]; lower is more typical of the training data. */
  double[] energies(INDArray x);

  /** The ebm4j energy, on the preprocessed features (see the family for the preprocessing). */
  Energy energy();
}
