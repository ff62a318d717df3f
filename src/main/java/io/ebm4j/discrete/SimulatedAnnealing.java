package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Simulated annealing with any {@link DiscreteKernel}: sweep k samples from exp(-U/T_k) with the temperature lowered
 * geometrically, T_k = T_start (T_end / T_start)^{k / (K - 1)} over K sweeps, so the chains settle into low-energy
 * states of U; with T_end near 0 the last sweeps are almost greedy. The family {@code atTemperature} gives the energy
 * U/T for a temperature T (e.g. an {@link IsingGrid} with couplings and fields divided by T, so checkerboard Gibbs
 * applies); the trace (T times the kernel's cached energies) and the returned energies are those of U itself.
 * S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi, "Optimization by Simulated Annealing", Science 220(4598), 1983,
 * https://doi.org/10.1126/science.220.4598.671; S. Geman and D. Geman, "Stochastic Relaxation, Gibbs Distributions,
 * and the Bayesian Restoration of Images", IEEE TPAMI 6(6), 1984, https://doi.org/10.1109/TPAMI.1984.4767596 (a
 * logarithmic schedule reaches the global minimum;
 * the geometric one used here is the practical compromise).
 *
 * <pre>{@code
 * MapEstimate m = SimulatedAnnealing.of(DiscreteKernels.checkerboard(), posterior::atTemperature)
 *     .temperatures(4.0, 0.05).sweeps(500).minimize(x0, new Rng(1));
 * }</pre>
 *
 * @param <E> the energies the kernel applies to
 */
public final class SimulatedAnnealing<E extends BinaryEnergy> {
  private final DiscreteKernel<E> kernel;
  private final DoubleFunction<E> atTemperature;
  private double startTemperature = 4.0;
  private double endTemperature = 0.05;
  private int sweeps = 500;

  private SimulatedAnnealing(DiscreteKernel<E> kernel, DoubleFunction<E> atTemperature) {
    if (kernel == null || atTemperature == null) {
      throw new IllegalArgumentException("kernel and atTemperature must not be null, got " + kernel + " and "
          + atTemperature);
    }
    this.kernel = kernel;
    this.atTemperature = atTemperature;
  }

  /** Annealing with a kernel over the family T -> energy U/T (T = 4 down to 0.05 over 500 sweeps until set). */
  public static <E extends BinaryEnergy> SimulatedAnnealing<E> of(DiscreteKernel<E> kernel,
      DoubleFunction<E> atTemperature) {
    return new SimulatedAnnealing<>(kernel, atTemperature);
  }

  /** First and last temperatures, start >= end > 0, both finite. */
  public SimulatedAnnealing<E> temperatures(double start, double end) {
    if (!(end > 0) || !Double.isFinite(start) || !(start >= end)) {
      throw new IllegalArgumentException("temperatures must satisfy start >= end > 0, both finite, got start " + start
          + " and end " + end);
    }
    this.startTemperature = start;
    this.endTemperature = end;
    return this;
  }

  /** Number of sweeps K, at least 1. */
  public SimulatedAnnealing<E> sweeps(int k) {
    Bin.requirePositive(k, "sweeps");
    this.sweeps = k;
    return this;
  }

  /** Temperature of sweep k (0-based). */
  public double temperature(int k) {
    if (k < 0 || k >= sweeps) {
      throw new IllegalArgumentException("k must lie in [0, " + sweeps + "), got " + k);
    }
    return sweeps == 1 ? endTemperature
        : startTemperature * Math.pow(endTemperature / startTemperature, k / (double) (sweeps - 1));
  }

  /** Anneals chains started at the rows of x0 [N, n]; the returned energies and trace are of U (T = 1). */
  public MapEstimate minimize(INDArray x0, Rng rng) {
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    E unit = atTemperature.apply(1.0);
    BinaryChains c = kernel.init(atTemperature.apply(temperature(0)), x0);
    double[] trace = new double[sweeps];
    for (int k = 0; k < sweeps; k++) {
      double t = temperature(k);
      E e = atTemperature.apply(t);
      kernel.refresh(e, c);
      kernel.step(e, c, rng);
      trace[k] = t * c.energies().meanNumber().doubleValue();   // cached energies are U / T
    }
    INDArray u = Batches.zeros(c.size());
    unit.evaluate(c.positions(), u, null);
    return new MapEstimate(c.positions().dup(), Batches.toArray(u), sweeps, trace);
  }
}
