package io.ebm4j.train;

import io.ebm4j.energy.SlicedScoreMatchable;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sliced score matching: each step draws {@code projections} Rademacher directions per data point (E[v v^T] = I) and
 * follows the gradient of -v^T Hess U v + (v . grad U)^2 / 2, an unbiased estimate of Hyvarinen's objective that
 * needs no Laplacian. No samples, no Z; like every score-matching method it cannot see mass behind barriers.
 */
final class SlicedScoreMatching implements Method {
  private final int projections;

  SlicedScoreMatching(int projections) {
    if (projections < 1) {
      throw new IllegalArgumentException("projections must be at least 1, got " + projections);
    }
    this.projections = projections;
  }

  @Override
  public String name() {
    return "sliced-score-matching";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (!(e instanceof SlicedScoreMatchable sm)) {
      throw new IllegalArgumentException("method sliced-score-matching needs an energy implementing"
          + " SlicedScoreMatchable, got " + e.getClass().getSimpleName());
    }
    return new Estimator() {
      private INDArray v;
      private double loss = Double.NaN;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        if (v == null || v.rows() != batch.rows()) {
          v = Batches.zeros(batch.rows(), batch.columns());
        }
        DoubleBuffer vb = Batches.buffer(v);
        double s = 0;
        for (int p = 0; p < projections; p++) {
          for (int k = 0; k < v.length(); k++) {
            vb.put(k, rng.uniform() < 0.5 ? -1.0 : 1.0);
          }
          sm.accumulateSlicedScoreMatchingGradient(batch, v, 1.0 / (batch.rows() * projections), out);
          s += sm.slicedScoreMatchingLoss(batch, v);
        }
        loss = s / projections;
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("slicedScoreMatchingLoss", loss);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        s.put("loss", loss);
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        loss = s.scalar("loss");
      }
    };
  }
}
