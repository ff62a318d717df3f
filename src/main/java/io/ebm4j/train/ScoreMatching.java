package io.ebm4j.train;

import io.ebm4j.energy.ScoreMatchable;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hyvarinen score matching: minimise J(theta) = E_data[|grad_x U|^2/2 - Laplacian_x U], i.e. the Stein divergence
 * between model and data scores. It never needs Z or samples, but it cannot see the relative masses of
 * wells separated by a high barrier: where the data are, the score does not depend on z, so dJ/dz ~ 0.
 */
final class ScoreMatching implements Method {
  @Override
  public String name() {
    return "score-matching";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (!(e instanceof ScoreMatchable sm)) {
      throw new IllegalArgumentException("method score-matching needs an energy implementing ScoreMatchable, got "
          + e.getClass().getSimpleName());
    }
    return new Estimator() {
      private INDArray last;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        last = batch;
        sm.accumulateScoreMatchingGradient(batch, 1.0 / batch.rows(), out);
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("scoreMatchingLoss", sm.scoreMatchingLoss(last == null ? data : last));
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        if (last != null && last != data) {
          s.put("lastBatch", io.ebm4j.nd.Batches.toArray(last));
        }
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        if (s.has("lastBatch")) {
          double[] b = s.doubles("lastBatch");
          last = org.nd4j.linalg.factory.Nd4j.createFromArray(b).reshape(b.length / e.dim(), e.dim());
        }
      }
    };
  }
}
