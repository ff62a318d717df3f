package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum likelihood for a {@link BoltzmannMachine} by moment matching. For an exponential family the gradient of
 * the mean log-likelihood is data moments minus model moments,
 *
 * <pre>
 *   d/db_i  = <x_i>_data - <x_i>_theta,     d/dW_ij = <x_i x_j>_data - <x_i x_j>_theta,
 * </pre>
 *
 * and gradient ascent (theta += learningRate * (data - model)) on full-batch data moments converges to the maximum
 * likelihood parameters, where the two sets of moments agree. Model moments come from exact enumeration (at most
 * {@value ExactPartition#MAX_TABLE_SITES} sites) or from persistent heat-bath Gibbs chains. The history records, every
 * {@code logEvery} steps, the moment gap max_k |data_k - model_k| and, with exact moments, the mean log-likelihood.
 *
 * <pre>{@code
 * BoltzmannFit fit = BoltzmannTraining.of(BoltzmannMachine.of(6)).exactMoments()
 *     .learningRate(1.0).steps(20_000).tolerance(1e-8).fit(data);
 * }</pre>
 */
public final class BoltzmannTraining {
  private final BoltzmannMachine machine;
  private boolean exact = true;
  private int walkers = 1000;
  private int sweeps = 1;
  private double learningRate = 0.5;
  private int steps = 1000;
  private double tolerance;
  private int logEvery = 10;
  private long seed;

  private BoltzmannTraining(BoltzmannMachine machine) {
    if (machine == null) {
      throw new IllegalArgumentException("machine must not be null");
    }
    this.machine = machine;
  }

  /** Training of (a copy of) machine. */
  public static BoltzmannTraining of(BoltzmannMachine machine) {
    return new BoltzmannTraining(machine);
  }

  /** Model moments by exact enumeration (the default). */
  public BoltzmannTraining exactMoments() {
    this.exact = true;
    return this;
  }

  /** Model moments from N persistent heat-bath Gibbs chains, {@code sweeps} sweeps per step. */
  public BoltzmannTraining gibbsMoments(int walkers, int sweeps) {
    RbmNegativePhase.requireWalkers(walkers);
    RbmNegativePhase.requireSweeps(sweeps);
    this.exact = false;
    this.walkers = walkers;
    this.sweeps = sweeps;
    return this;
  }

  /** Step size of gradient ascent, positive and finite (default 0.5). */
  public BoltzmannTraining learningRate(double lr) {
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + lr);
    }
    this.learningRate = lr;
    return this;
  }

  /** Maximum number of steps, at least 1 (default 1000). */
  public BoltzmannTraining steps(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + k);
    }
    this.steps = k;
    return this;
  }

  /** With exact moments: stop once the moment gap is at most t (default 0: run all steps). */
  public BoltzmannTraining tolerance(double t) {
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + t);
    }
    this.tolerance = t;
    return this;
  }

  /** Record a history row every k steps (default 10). */
  public BoltzmannTraining logEvery(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + k);
    }
    this.logEvery = k;
    return this;
  }

  /** Seed of the Gibbs chains. */
  public BoltzmannTraining seed(long s) {
    this.seed = s;
    return this;
  }

  /** Fits data [n, sites] of 0/1 values. */
  public BoltzmannFit fit(INDArray data) {
    BoltzmannMachine bm = machine.copy();
    INDArray x = Encoding.ZERO_ONE.requireStates(data, bm.dim(), "data");
    int p = bm.numParams();
    double[] dataMoments = Batches.toArray(bm.moments(x));
    Rng rng = new Rng(seed);
    DiscreteKernel<BinaryEnergy> kernel = DiscreteKernels.heatBath();
    BinaryChains chains = null;
    if (!exact) {
      INDArray x0 = Batches.zeros(walkers, bm.dim());
      DoubleBuffer b = Batches.buffer(x0);
      for (int q = 0; q < walkers * bm.dim(); q++) {
        b.put(q, rng.uniform() < 0.5 ? 1.0 : 0.0);
      }
      chains = kernel.init(bm, x0);
    }
    HistoryRows history = new HistoryRows("step");
    DoubleBuffer pb = Batches.buffer(bm.params());
    double gap = Double.NaN;
    for (int step = 0; step <= steps; step++) {
      double[] model = new double[p];
      if (exact) {
        double[] e = Batches.toArray(ExactPartition.expectedParamGradient(bm));
        for (int k = 0; k < p; k++) {
          model[k] = -e[k];
        }
      } else {
        model = Batches.toArray(bm.moments(chains.positions()));
      }
      gap = 0;
      for (int k = 0; k < p; k++) {
        gap = Math.max(gap, Math.abs(dataMoments[k] - model[k]));
      }
      boolean done = step == steps || exact && gap <= tolerance;
      if (step % logEvery == 0 || done) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("momentGap", gap);
        if (exact) {
          row.put("logLikelihood", -bm.energy(x).meanNumber().doubleValue() - ExactPartition.logZ(bm));
        }
        history.add(step, row);
      }
      if (done) {
        break;
      }
      for (int k = 0; k < p; k++) {
        double v = pb.get(k) + learningRate * (dataMoments[k] - model[k]);
        if (!Double.isFinite(v)) {
          throw new IllegalStateException("parameter " + bm.paramNames()[k] + " is not finite at step " + step);
        }
        pb.put(k, v);
      }
      if (!exact) {
        kernel.refresh(bm, chains);
        for (int t = 0; t < sweeps; t++) {
          kernel.step(bm, chains, rng);
        }
      }
    }
    return new BoltzmannFit(bm, history.table("boltzmann-" + (exact ? "exact" : "gibbs")), gap);
  }
}
