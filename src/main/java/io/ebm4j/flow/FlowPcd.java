package io.ebm4j.flow;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.train.Estimator;
import io.ebm4j.train.Method;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum-likelihood training of an energy with flow-MCMC negatives: persistent walkers moved after every parameter
 * update by one flow independent Metropolis-Hastings move (they can jump between the modes of the current model)
 * and {@code localSteps} steps of a local kernel (MALA), while a companion flow q is adapted alongside by one
 * {@link AdaptiveFlow} step on the walkers: forward KL over the walkers, optionally mixed with reverse KL against
 * the current model rho_theta. The gradient is the usual
 *
 * <pre>
 *   grad_theta NLL = E_data[dU/dtheta] - (1/N) sum_i dU/dtheta(X_i),
 * </pre>
 *
 * with walkers X_i that, unlike ULA's, redistribute their mass between modes as the model's weights change.
 *
 * <p>Grenioux, Moulines, Gabrie, "Balanced Training of Energy-Based Models with Adaptive Flow Sampling", 2023,
 * https://arxiv.org/abs/2306.00684; Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with
 * normalizing flows", PNAS 2022, https://doi.org/10.1073/pnas.2109420119.
 *
 * <pre>{@code
 * RealNvp flow = RealNvp.builder(2).blocks(4).hidden(64, 64).seed(3).build();
 * FlowPcd m = FlowPcd.of(flow, Kernels.mala(0.05)).initFrom(x0).flowLearningRate(1e-3);
 * Run<SumEnergy> run = new Training<>(model).on(data).method(m).steps(1000).run();
 * RealNvp companion = m.flow();   // trained in place by the run
 * }</pre>
 *
 * The flow is the one given and is trained in place: use one method (and one flow) per run.
 */
public final class FlowPcd implements Method {
  private final RealNvp flow;
  private final Kernel local;
  private final INDArray x0;
  private final int localSteps;
  private final double flowLearningRate;
  private final double reverseWeight;
  private final int reverseBatch;

  private FlowPcd(RealNvp flow, Kernel local, INDArray x0, int localSteps, double flowLearningRate,
      double reverseWeight, int reverseBatch) {
    this.flow = Moves.requireFlow(flow);
    if (local == null || !local.leavesTargetInvariant()) {
      throw new IllegalArgumentException("local kernel must leave the target invariant, got "
          + (local == null ? "null" : local.name()));
    }
    if (localSteps < 0) {
      throw new IllegalArgumentException("localSteps must be at least 0, got " + localSteps);
    }
    if (!(flowLearningRate > 0) || !Double.isFinite(flowLearningRate)) {
      throw new IllegalArgumentException("flowLearningRate must be positive and finite, got " + flowLearningRate);
    }
    if (!(reverseWeight >= 0 && reverseWeight <= 1)) {
      throw new IllegalArgumentException("reverseWeight must be in [0, 1], got " + reverseWeight);
    }
    if (reverseBatch < 1) {
      throw new IllegalArgumentException("reverseBatch must be at least 1, got " + reverseBatch);
    }
    if (x0 != null && x0.columns() != flow.dim()) {
      throw new IllegalArgumentException("initial walkers must have the flow's dimension " + flow.dim() + ", got "
          + x0.columns());
    }
    this.local = local;
    this.x0 = x0;
    this.localSteps = localSteps;
    this.flowLearningRate = flowLearningRate;
    this.reverseWeight = reverseWeight;
    this.reverseBatch = reverseBatch;
  }

  /**
   * Flow-MCMC negatives with companion flow (trained in place) and a local kernel; one local step per update,
   * flow learning rate 1e-3, forward KL only, walkers to be given by {@link #initFrom}.
   */
  public static FlowPcd of(RealNvp flow, Kernel local) {
    return new FlowPcd(flow, local, null, 1, 1e-3, 0, 64);
  }

  /** Starts the walkers at the rows of x0 [N, d] (e.g. exact draws of the initial model). */
  public FlowPcd initFrom(INDArray x0) {
    if (x0 == null || x0.rows() < 1) {
      throw new IllegalArgumentException("x0 must hold at least one walker");
    }
    return new FlowPcd(flow, local, x0.dup(), localSteps, flowLearningRate, reverseWeight, reverseBatch);
  }

  /** Local steps after each flow move (default 1). */
  public FlowPcd localSteps(int k) {
    return new FlowPcd(flow, local, x0, k, flowLearningRate, reverseWeight, reverseBatch);
  }

  /** Adam learning rate of the companion flow (default 1e-3). */
  public FlowPcd flowLearningRate(double lr) {
    return new FlowPcd(flow, local, x0, localSteps, lr, reverseWeight, reverseBatch);
  }

  /** Weight lambda of the reverse KL against the current model (default 0: forward KL on the walkers only). */
  public FlowPcd reverseWeight(double lambda, int batch) {
    return new FlowPcd(flow, local, x0, localSteps, flowLearningRate, lambda, batch);
  }

  /** The companion flow (live: the run trains it in place). */
  public RealNvp flow() {
    return flow;
  }

  @Override
  public String name() {
    return "flow-pcd";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (x0 == null) {
      throw new IllegalArgumentException("initial walkers are not set: call initFrom(x0)");
    }
    if (e.dim() != flow.dim()) {
      throw new IllegalArgumentException("energy must have the flow's dimension " + flow.dim() + ", got " + e.dim());
    }
    final FlowImh imh = new FlowImh(flow);
    final Kernel loc = local.fresh();
    final Chains chains = loc.init(e, x0.dup());
    final AdaptiveFlow adapt = AdaptiveFlow.of(flow, flowLearningRate).reverseWeight(reverseWeight)
        .reverseBatch(reverseBatch);
    return new Estimator() {
      private double imhAcceptance = Double.NaN;
      private double localAcceptance = Double.NaN;
      private double flowLoss = Double.NaN;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        e.accumulateParamGradient(batch, null, 1.0 / batch.rows(), out);
        e.accumulateParamGradient(chains.positions(), null, -1.0 / chains.size(), out);
      }

      @Override
      public void afterUpdate() {
        // the cached energies belong to the previous parameters
        chains.refresh(e);
        imhAcceptance = imh.step(e, chains, rng).acceptance();
        double acc = 0;
        for (int s = 0; s < localSteps; s++) {
          acc += loc.step(e, chains, rng).acceptance();
        }
        localAcceptance = localSteps > 0 ? acc / localSteps : Double.NaN;
        flowLoss = adapt.step(chains.positions(), e, rng);
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("imhAcceptance", imhAcceptance);
        row.put("localAcceptance", localAcceptance);
        row.put("flowLoss", flowLoss);
      }

      @Override
      public Chains chains() {
        return chains;
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        chains.save(s.child("chains"));
        loc.save(s.child("local"));
        imh.save(s.child("imh"));
        adapt.save(s.child("flow"));
        s.put("recorded", imhAcceptance, localAcceptance, flowLoss);
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        chains.restore(s.child("chains"));
        loc.restore(s.child("local"));
        imh.restore(s.child("imh"));
        adapt.restore(s.child("flow"));
        double[] r = s.doubles("recorded");
        imhAcceptance = r[0];
        localAcceptance = r[1];
        flowLoss = r[2];
      }
    };
  }
}
