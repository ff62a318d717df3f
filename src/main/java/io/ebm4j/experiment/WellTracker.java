package io.ebm4j.experiment;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.sample.Chains;
import io.ebm4j.train.Estimator;
import io.ebm4j.train.StepListener;
import java.nio.DoubleBuffer;
import java.util.Map;

/**
 * Watches walkers of the two-well study: counts moves that carry a walker from one well to the other (every step;
 * copies made by resampling are not moves and are not counted) and, on logged steps, records the cumulative count
 * and the weighted mass of the walkers in well b.
 */
final class WellTracker implements StepListener<TrainableEnergy> {
  private final TwoWells wells;
  private boolean[] side;
  private boolean[] next; // scratch for this step's sides
  private long resamplings;
  private long crossings;
  private double[] weights; // scratch for e^{A - max A} on logged steps

  WellTracker(TwoWells wells) {
    this.wells = wells;
  }

  @Override
  public void save(io.ebm4j.nd.State s) {
    s.putLongs("counts", resamplings, crossings);
    if (side != null) {
      double[] v = new double[side.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = side[i] ? 1 : 0;
      }
      s.put("side", v);
    }
  }

  @Override
  public void restore(io.ebm4j.nd.State s) {
    long[] counts = s.longs("counts");
    resamplings = counts[0];
    crossings = counts[1];
    if (s.has("side")) {
      double[] v = s.doubles("side");
      side = new boolean[v.length];
      for (int i = 0; i < v.length; i++) {
        side[i] = v[i] == 1;
      }
    }
  }

  @Override
  public void onStep(int step, TrainableEnergy model, Estimator est, Map<String, Double> row) {
    Chains c = est.chains();
    if (c == null) {
      return;
    }
    int n = c.size();
    boolean copied = c.resamplings() != resamplings;
    resamplings = c.resamplings();
    if (side == null || side.length != n) {
      side = new boolean[n];
      wells.inWellB(c.positions(), side);
    } else {
      if (next == null || next.length != n) {
        next = new boolean[n];
      }
      wells.inWellB(c.positions(), next);
      if (!copied) {
        int moved = 0;
        for (int i = 0; i < n; i++) {
          moved += next[i] != side[i] ? 1 : 0;
        }
        crossings += moved;
      }
      boolean[] t = side;
      side = next;
      next = t;
    }
    if (row != null) {
      row.put("crossings", (double) crossings);
      DoubleBuffer lwb = io.ebm4j.nd.Batches.buffer(c.logWeights());
      if (weights == null || weights.length != n) {
        weights = new double[n];
      }
      double[] lw = weights;
      lwb.get(0, lw, 0, n);
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, lw[i]);
      }
      for (int i = 0; i < n; i++) {
        lw[i] -= max;
      }
      io.ebm4j.nd.VecMath.exp(lw, n);
      double sum = 0;
      double inB = 0;
      for (int i = 0; i < n; i++) {
        double w = lw[i];
        sum += w;
        inB += side[i] ? w : 0.0; // adding +0 leaves a sum of non-negative terms unchanged; no branch to mispredict
      }
      row.put("walkerMassOfB", inB / sum);
    }
  }
}
