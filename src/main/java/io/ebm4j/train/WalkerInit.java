package io.ebm4j.train;

import io.ebm4j.energy.ExactSampler;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where persistent walkers start: exact draws from the initial model rho_{theta_0} (what Jarzynski's identity
 * assumes), random rows of the data, or given positions.
 */
record WalkerInit(int walkers, String from, INDArray x0) {
  static final String MODEL = "model";
  static final String DATA = "data";
  static final String GIVEN = "given";

  WalkerInit {
    if (walkers < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + walkers);
    }
  }

  /** Fills out [M, d] with rows of data drawn uniformly with replacement; returns out. */
  static INDArray sampleRows(INDArray data, Rng rng, INDArray out) {
    int n = (int) data.rows();
    int d = (int) data.columns();
    DoubleBuffer xb = Batches.buffer(out);
    DoubleBuffer db = Batches.buffer(data);
    for (int i = 0; i < out.rows(); i++) {
      int r = rng.nextInt(n);
      for (int j = 0; j < d; j++) {
        xb.put(i * d + j, db.get(r * d + j));
      }
    }
    return out;
  }

  INDArray positions(TrainableEnergy e, INDArray data, Rng rng) {
    switch (from) {
      case MODEL:
        if (!(e instanceof ExactSampler s)) {
          throw new IllegalArgumentException("initFromModel needs an energy with exact sampling (ExactSampler), got "
              + e.getClass().getSimpleName() + "; use initFromData() or initFrom(x0)");
        }
        return s.sample(walkers, rng);
      case DATA:
        return sampleRows(data, rng, Batches.zeros(walkers, data.columns()));
      default:
        return Batches.requireBatch(x0, e.dim(), "x0");
    }
  }
}
