package io.ebm4j.train;

import io.ebm4j.energy.ExactNormalizer;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact maximum likelihood: the negative phase is E_theta[dU/dtheta] = -d log Z / d theta from the energy's closed
 * form ({@link ExactNormalizer}). The reference every sampling method is judged against.
 */
final class ExactLikelihood implements Method {
  @Override
  public String name() {
    return "exact";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (!(e instanceof ExactNormalizer z)) {
      throw new IllegalArgumentException("method exact needs an energy with a closed-form normalizer"
          + " (ExactNormalizer), got " + e.getClass().getSimpleName() + "; use Methods.quadrature for 1-D energies");
    }
    return new Estimator() {
      @Override
      public void gradient(INDArray batch, INDArray out) {
        Likelihood.positive(e, batch, out);
        z.accumulateLogZGradient(1.0, out);
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("logZ", z.logZ());
      }

      @Override
      public void save(io.ebm4j.nd.State s) {}

      @Override
      public void restore(io.ebm4j.nd.State s) {}
    };
  }
}
