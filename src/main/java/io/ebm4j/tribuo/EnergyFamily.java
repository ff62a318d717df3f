package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kind of ebm4j energy and how to fit it to data: {@link RbmFamily} (Bernoulli RBM free energy),
 * {@link MlpFamily} (neural energy trained by PCD or Jarzynski) and {@link MixtureFamily} (isotropic Gaussian
 * mixture by EM). Its hyperparameters are OLCUT {@code @Config} fields, so a Tribuo trainer holding it records them
 * in its provenance.
 *
 * <pre>{@code
 * EnergyFamily rbm = new RbmFamily().hidden(32).epochs(20);
 * FittedEnergy u = rbm.fit(x, 0);        // x [N, d] raw features
 * double[] e = u.energies(xTest);        // U(x) per row
 * }</pre>
 */
public interface EnergyFamily extends Configurable, Provenancable<ConfiguredObjectProvenance> {
  /** Fits an energy to the raw features x [N, d] (columns in feature-id order), all randomness from seed. */
  FittedEnergy fit(INDArray x, long seed);

  @Override
  default ConfiguredObjectProvenance getProvenance() {
    return new ConfiguredObjectProvenanceImpl(this, "energy-family");
  }
}
