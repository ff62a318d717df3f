package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Fits a {@link RealNvp} in place by Adam steps on one of three objectives:
 *
 * <ul>
 *   <li>forward KL (maximum likelihood on samples x_i with weights w_i):
 *       L_fwd = -sum_i w_i log q(x_i) / sum_i w_i, mode-covering;
 *   <li>reverse KL against rho = exp(-U)/Z: L_rev = E_{z ~ N(0,I)}[log q(T(z)) + U(T(z))] = KL(q || rho) - log Z,
 *       estimated with fresh base draws and differentiated through x = T(z) (reparameterisation trick), mode-seeking;
 *   <li>their mixture (1 - lambda) L_fwd + lambda L_rev, as in adaptive flow-MCMC where the chains supply the
 *       samples of the forward term.
 * </ul>
 *
 * Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with normalizing flows", PNAS 2022,
 * https://doi.org/10.1073/pnas.2109420119; Grenioux, Moulines, Gabrie, "Balanced Training of Energy-Based Models
 * with Adaptive Flow Sampling", 2023, https://arxiv.org/abs/2306.00684.
 *
 * <pre>{@code
 * FlowTrainer t = FlowTrainer.adam(flow, 1e-3);
 * for (int k = 0; k < 2000; k++) t.forwardKlStep(data, null);           // maximum likelihood
 * for (int k = 0; k < 2000; k++) t.reverseKlStep(energy, 256, rng);     // variational fit to exp(-U)
 * }</pre>
 *
 * The Adam state belongs to this trainer and to its flow; {@link #steps()} counts the updates made.
 */
public final class FlowTrainer {
  private final RealNvp flow;
  private final double learningRate;
  private final GradientUpdater<?> adam;
  private final INDArray adamState;
  private final INDArray grad;
  private final INDArray grad2;
  private final INDArray grad2nd;
  private double clipNorm = Double.POSITIVE_INFINITY;
  private int steps;

  private FlowTrainer(RealNvp flow, double learningRate) {
    this.flow = flow;
    this.learningRate = learningRate;
    int p = flow.numParams();
    Adam cfg = new Adam(learningRate);
    INDArray state = Batches.zeros(1, cfg.stateSize(p));
    this.adamState = state;
    this.adam = cfg.instantiate(state, true);
    this.grad = Batches.zeros(p);
    this.grad2 = grad.reshape(1, p);
    this.grad2nd = Batches.zeros(p);
  }

  /** A trainer of flow (updated in place) by Adam with the given learning rate. */
  public static FlowTrainer adam(RealNvp flow, double learningRate) {
    if (flow == null) {
      throw new IllegalArgumentException("flow must not be null");
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
    }
    return new FlowTrainer(flow, learningRate);
  }

  /** Rescales each gradient to Euclidean norm at most c before the Adam update (default: no clipping). */
  public FlowTrainer clipNorm(double c) {
    if (!(c > 0)) {
      throw new IllegalArgumentException("clipNorm must be positive, got " + c);
    }
    this.clipNorm = c;
    return this;
  }

  /** The flow being trained (the same object as given). */
  public RealNvp flow() {
    return flow;
  }

  /** The learning rate of Adam. */
  public double learningRate() {
    return learningRate;
  }

  /** Number of updates made. */
  public int steps() {
    return steps;
  }

  /** One step on the forward KL over samples x [N, d] with weights w [N] (null: equal); returns the loss before it. */
  public double forwardKlStep(INDArray x, INDArray w) {
    grad.assign(0);
    double loss = flow.forwardKl(x, w, grad);
    apply();
    return loss;
  }

  /** One step on the reverse KL with batchSize fresh base draws from rng; returns the loss estimate before it. */
  public double reverseKlStep(Energy u, int batchSize, Rng rng) {
    grad.assign(0);
    double loss = reverseKl(u, batchSize, rng, grad);
    apply();
    return loss;
  }

  /**
   * One step on (1 - lambda) L_fwd(x, w) + lambda L_rev(U) with lambda in [0, 1]; returns the mixed loss before it.
   */
  public double mixedStep(INDArray x, INDArray w, Energy u, int batchSize, double lambda, Rng rng) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    grad.assign(0);
    double fwd = flow.forwardKl(x, w, grad);
    grad2nd.assign(0);
    double rev = reverseKl(u, batchSize, rng, grad2nd);
    DoubleBuffer g = Batches.buffer(grad);
    DoubleBuffer g2 = Batches.buffer(grad2nd);
    for (int q = 0; q < flow.numParams(); q++) {
      g.put(q, (1 - lambda) * g.get(q) + lambda * g2.get(q));
    }
    apply();
    return (1 - lambda) * fwd + lambda * rev;
  }

  private double reverseKl(Energy u, int batchSize, Rng rng, INDArray target) {
    if (u == null || u.dim() != flow.dim()) {
      throw new IllegalArgumentException("energy must have dimension " + flow.dim() + ", got "
          + (u == null ? "null" : String.valueOf(u.dim())));
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    RealNvp.Work w = flow.work(batchSize);
    rng.fillNormal(w.inb[0], batchSize * flow.dim());
    return flow.reverseKlOnBase(w, u, target);
  }

  private void apply() {
    DoubleBuffer g = Batches.buffer(grad);
    int p = flow.numParams();
    double sq = 0;
    for (int q = 0; q < p; q++) {
      double v = g.get(q);
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("gradient of " + flow.paramNames()[q] + " is " + v + " at step " + steps
            + "; lower the learning rate or clip the gradient");
      }
      sq += v * v;
    }
    if (Math.sqrt(sq) > clipNorm) {
      double f = clipNorm / Math.sqrt(sq);
      for (int q = 0; q < p; q++) {
        g.put(q, g.get(q) * f);
      }
    }
    adam.applyUpdater(grad2, steps, 0);
    flow.params().subi(grad);
    steps++;
  }

  /** Writes the flow's parameters, Adam's moments and the step count (a checkpoint of this trainer). */
  void save(io.ebm4j.nd.State s) {
    s.put("params", Batches.toArray(flow.params().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
    s.put("adam", Batches.toArray(adamState.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
    s.putLongs("steps", steps);
  }

  /** Puts back what {@link #save} wrote, into a trainer of a flow with the same architecture. */
  void restore(io.ebm4j.nd.State s) {
    INDArray p = flow.params();
    p.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(s.doubles("params")).castTo(p.dataType()));
    adamState.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(s.doubles("adam")).castTo(adamState.dataType())
        .reshape(adamState.shape()));
    steps = (int) s.longs("steps")[0];
  }
}
