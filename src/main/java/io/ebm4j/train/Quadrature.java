package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum likelihood with the negative phase by quadrature on a uniform grid of [lo, hi] (1-D energies): with
 * trapezoid weights c_j, Z ~ sum_j c_j e^{-U(x_j)} and E_theta[f] ~ sum_j c_j e^{-U(x_j)} f(x_j) / Z. Exact up to
 * the grid's resolution and truncation, for any 1-D trainable energy.
 */
final class Quadrature implements Method {
  private final double lo;
  private final double hi;
  private final int points;

  Quadrature(double lo, double hi, int points) {
    if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("quadrature needs finite lo < hi, got lo=" + lo + " hi=" + hi);
    }
    if (points < 3) {
      throw new IllegalArgumentException("quadrature points must be at least 3, got " + points);
    }
    this.lo = lo;
    this.hi = hi;
    this.points = points;
  }

  @Override
  public String name() {
    return "quadrature";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (e.dim() != 1) {
      throw new IllegalArgumentException("quadrature needs a 1-D energy, got dim " + e.dim());
    }
    INDArray grid = Batches.zeros(points, 1);
    DoubleBuffer gb = Batches.buffer(grid);
    double dx = (hi - lo) / (points - 1);
    for (int j = 0; j < points; j++) {
      gb.put(j, lo + j * dx);
    }
    INDArray u = Batches.zeros(points);
    INDArray w = Batches.zeros(points);
    DoubleBuffer ub = Batches.buffer(u);
    DoubleBuffer wb = Batches.buffer(w);
    double[] logZ = {Double.NaN};
    Runnable weights = () -> {
      e.evaluate(grid, u, null);
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < points; j++) {
        min = Math.min(min, ub.get(j));
      }
      double s = 0;
      for (int j = 0; j < points; j++) {
        double c = (j == 0 || j == points - 1) ? 0.5 * dx : dx;
        double v = c * Math.exp(-(ub.get(j) - min));
        wb.put(j, v);
        s += v;
      }
      for (int j = 0; j < points; j++) {
        wb.put(j, wb.get(j) / s);
      }
      logZ[0] = -min + Math.log(s);
    };
    return new Estimator() {
      @Override
      public void gradient(INDArray batch, INDArray out) {
        Likelihood.positive(e, batch, out);
        weights.run();
        e.accumulateParamGradient(grid, w, -1.0, out);
      }

      @Override
      public void record(Map<String, Double> row) {
        weights.run();
        row.put("logZ", logZ[0]);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {}

      @Override
      public void restore(io.ebm4j.nd.State s) {}
    };
  }
}
