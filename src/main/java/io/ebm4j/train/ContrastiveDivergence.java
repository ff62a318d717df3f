package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Contrastive divergence CD-k (Hinton 2002): at every step chains start at the data minibatch and run k kernel
 * steps; the negative phase is their plain average of dU/dtheta. Cheap, but biased towards the data: with wells
 * far apart the chains never leave their well, so CD-k learns no relative mass.
 */
public final class ContrastiveDivergence implements Method {
  private final Kernel kernel;
  private final int k;

  ContrastiveDivergence(Kernel kernel, int k) {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k (CD steps) must be at least 1, got " + k);
    }
    this.kernel = kernel;
    this.k = k;
  }

  @Override
  public String name() {
    return "cd-" + k;
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    final Kernel kernel = this.kernel.fresh();
    return new Estimator() {
      private Chains chains;
      private double acceptance = Double.NaN;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        if (chains == null || chains.size() != batch.rows()) {
          Likelihood.positive(e, batch, out);
          chains = kernel.init(e, batch);
        } else {
          chains.restart(e, batch, 1.0 / batch.rows(), out); // the positive phase from the chains' first pass
        }
        double acc = 0;
        for (int t = 0; t < k; t++) {
          acc += kernel.step(e, chains, rng).acceptance();
        }
        acceptance = acc / k;
        e.accumulateParamGradient(chains.positions(), null, -1.0 / chains.size(), out);
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("acceptance", acceptance);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        kernel.save(s.child("kernel"));
        s.put("acceptance", acceptance);
        if (chains != null) {
          chains.save(s.child("walkers"));
        }
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        kernel.restore(s.child("kernel"));
        acceptance = s.scalar("acceptance");
        if (s.has("walkers.positions")) {
          double[] x = s.doubles("walkers.positions");
          chains = kernel.init(e, org.nd4j.linalg.factory.Nd4j.createFromArray(x).reshape(x.length / e.dim(),
              e.dim()));
          chains.restore(s.child("walkers"));
        }
      }

      @Override
      public Chains chains() {
        return chains;
      }
    };
  }
}
