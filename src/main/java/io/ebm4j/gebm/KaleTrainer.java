package io.ebm4j.gebm;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Alternating KALE training of a {@link Gebm} (Arbel, Zhou, Gretton, "Generalized Energy Based Models", ICLR 2021,
 * https://arxiv.org/abs/2003.05033, Algorithm 1). Each {@link #step} does {@link #energySteps} energy steps, then one
 * base step:
 *
 * <ul>
 *   <li>energy step: ascend F(E + c) = -E_P[E_psi(X) + c] - E_B[exp(-(E_psi(X) + c))] + 1 jointly in psi and c (at
 *       the optimum over c, c = log E_B[exp(-E_psi)] = log Z_{theta,psi}), minus an optional gradient penalty
 *       lambda (E_P |grad_x E|^2 + E_B |grad_x E|^2) / 2 (needs an {@link Mlp} energy);
 *   <li>base step: descend KALE(P, B_theta) with the envelope-theorem gradient
 *       grad_theta KALE = E_nu[grad_x E(G_theta(Z)) dG_theta(Z)/dtheta], nu(z) proportional to
 *       eta(z) exp(-E(G_theta(z))): self-normalised weights on prior draws (default), or equally weighted latent
 *       samples from {@link #latentSampler}.
 * </ul>
 *
 * Both use Adam with betas (beta1, beta2) (the paper's code uses (0.5, 0.999)); learning rates are multiplied by
 * {@code decay} every {@code decayEvery} alternating steps. Trains the model in place.
 *
 * <pre>{@code
 * KaleTrainer t = KaleTrainer.of(gebm, data).seed(1).batchSize(256).learningRate(1e-3).baseLearningRate(1e-3)
 *     .energySteps(5).gradientPenalty(0.1);
 * for (int k = 0; k < 3000; k++) {
 *   KaleStep s = t.step();
 * }
 * }</pre>
 */
public final class KaleTrainer {
  private final Gebm model;
  private final INDArray data;
  private final DoubleBuffer db;
  private final int n;
  private final int d;
  private Rng rng = new Rng(0);
  private int batchSize = 256;
  private double learningRate = 1e-3;
  private double baseLearningRate = 1e-3;
  private double beta1 = 0.5;
  private double beta2 = 0.999;
  private int energySteps = 5;
  private double gradientPenalty = 0;
  private double decay = 1;
  private int decayEvery = 1000;
  private Kernel sampler;
  private int samplerSteps;
  private final Adam energyAdam;
  private final Adam cAdam;
  private final Adam baseAdam;
  private int steps;
  private INDArray xp;
  private INDArray ep;
  private INDArray eb;
  private INDArray ab;
  private INDArray eg;
  private INDArray gx;
  private INDArray gradPsi;
  private INDArray gradTheta;
  private INDArray xbar;
  private final DoubleBuffer gc = DoubleBuffer.allocate(1);

  private KaleTrainer(Gebm model, INDArray data) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    this.model = model;
    this.data = Batches.requireBatch(data, model.dim(), "data");
    this.db = Batches.buffer(this.data);
    this.n = (int) this.data.rows();
    this.d = model.dim();
    this.energyAdam = new Adam(0, model.energyParamCount());
    this.cAdam = new Adam(model.energyParamCount(), 1);
    this.baseAdam = new Adam(model.baseOffset(), model.base().numParams());
    this.gradPsi = Batches.zeros(model.energyParamCount());
    this.gradTheta = Batches.zeros(model.numParams());
  }

  /** A trainer of model (trained in place) on data [n, d]. */
  public static KaleTrainer of(Gebm model, INDArray data) {
    return new KaleTrainer(model, data);
  }

  /** Seed of the minibatches, prior draws and latent chains (default 0). */
  public KaleTrainer seed(long seed) {
    this.rng = new Rng(seed);
    return this;
  }

  /** Data and base minibatch size (default 256). */
  public KaleTrainer batchSize(int b) {
    if (b < 2) {
      throw new IllegalArgumentException("batchSize must be at least 2, got " + b);
    }
    this.batchSize = b;
    return this;
  }

  /** Adam learning rate of the energy and of c (default 1e-3). */
  public KaleTrainer learningRate(double lr) {
    this.learningRate = positive("learningRate", lr);
    return this;
  }

  /** Adam learning rate of the generator (default 1e-3; 0 freezes the base). */
  public KaleTrainer baseLearningRate(double lr) {
    if (!(lr >= 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("baseLearningRate must be non-negative and finite, got " + lr);
    }
    this.baseLearningRate = lr;
    return this;
  }

  /** Adam's betas for both steps (default 0.5, 0.999). */
  public KaleTrainer betas(double b1, double b2) {
    if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1)) {
      throw new IllegalArgumentException("betas must be in [0, 1), got " + b1 + ", " + b2);
    }
    this.beta1 = b1;
    this.beta2 = b2;
    return this;
  }

  /** Energy steps per base step (default 5). */
  public KaleTrainer energySteps(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("energySteps must be at least 1, got " + k);
    }
    this.energySteps = k;
    return this;
  }

  /** Weight lambda of the gradient penalty on E (default 0; needs an Mlp energy). */
  public KaleTrainer gradientPenalty(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("gradientPenalty must be non-negative and finite, got " + lambda);
    }
    if (lambda > 0 && !(model.energyNetwork() instanceof Mlp)) {
      throw new IllegalArgumentException("gradientPenalty needs an Mlp energy, got "
          + model.energyNetwork().getClass().getSimpleName());
    }
    this.gradientPenalty = lambda;
    return this;
  }

  /** Multiplies both learning rates by factor every {@code every} alternating steps (default: no decay). */
  public KaleTrainer decay(double factor, int every) {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("decay must be in (0, 1], got " + factor);
    }
    if (every < 1) {
      throw new IllegalArgumentException("decayEvery must be at least 1, got " + every);
    }
    this.decay = factor;
    this.decayEvery = every;
    return this;
  }

  /**
   * Base steps use {@code steps} steps of kernel on the latent tilt nu (chains started from the prior, equal
   * weights) instead of self-normalised weights on prior draws; null restores the weights.
   */
  public KaleTrainer latentSampler(Kernel kernel, int steps) {
    if (kernel != null && steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    this.sampler = kernel;
    this.samplerSteps = steps;
    return this;
  }

  /** Alternating steps done. */
  public int steps() {
    return steps;
  }

  public Gebm model() {
    return model;
  }

  private static double positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
    return v;
  }

  private double rateFactor() {
    return decay == 1 ? 1 : Math.pow(decay, steps / decayEvery);
  }

  /** One alternating step: energySteps energy steps, then a base step (skipped when baseLearningRate is 0). */
  public KaleStep step() {
    KaleStep s = null;
    for (int k = 0; k < energySteps; k++) {
      s = energyStep();
    }
    if (baseLearningRate > 0) {
      baseStep();
    }
    steps++;
    return new KaleStep(steps, s.kale(), s.logZ(), s.meanEnergyData(), s.meanEnergyBase(), s.weightEss());
  }

  private void buffers() {
    if (xp == null || xp.rows() != batchSize) {
      xp = Batches.zeros(batchSize, d);
    }
  }

  /** One ascent step of F in (psi, c) on a data minibatch and fresh base draws; returns what it measured. */
  public KaleStep energyStep() {
    buffers();
    final int b = batchSize;
    DoubleBuffer xb = Batches.buffer(xp);
    for (int i = 0; i < b; i++) {
      int r = rng.nextInt(n);
      for (int j = 0; j < d; j++) {
        xb.put(i * d + j, db.get(r * d + j));
      }
    }
    Generator g = model.base();
    INDArray xg = g.forward(g.latents(b, rng)).out();
    double[] stats = energyGradient(xp, xg, gradPsi, gc);
    if (!Double.isFinite(stats[0]) || !Double.isFinite(stats[2])) {
      throw new IllegalStateException("energy step " + steps + " diverged: mean E on data " + stats[0]
          + ", mean exp(-(E + c)) on base " + stats[2] + " (c = " + model.logZ() + "); lower the learning rate or"
          + " add a gradient penalty");
    }
    double c = model.logZ();
    double lr = learningRate * rateFactor();
    DoubleBuffer fb = Batches.buffer(model.params());
    energyAdam.step(fb, Batches.buffer(gradPsi), 0, lr, beta1, beta2, 1e-8);
    cAdam.step(fb, gc, 0, lr, beta1, beta2, 1e-8);
    return new KaleStep(steps, -(stats[0] + c) - stats[2] + 1, model.logZ(), stats[0], stats[1], stats[3]);
  }

  /**
   * The gradient of the energy step's loss L(psi, c) = E_P[E] + c + E_B[exp(-(E + c))] - 1 (+ the gradient penalty)
   * on data rows xp and base rows xg of equal count: writes dL/dpsi into gradPsi (overwritten) and dL/dc into
   * gc[0]; returns {mean E on xp, mean E on xg, mean exp(-(E + c)) on xg, ESS fraction of exp(-E) on xg, L}.
   */
  double[] energyGradient(INDArray xp, INDArray xg, INDArray gradPsi, DoubleBuffer gc) {
    final int b = (int) xp.rows();
    if (ep == null || ep.length() != b) {
      ep = Batches.zeros(b);
      eb = Batches.zeros(b);
      ab = Batches.zeros(b);
    }
    TrainableEnergy e = model.energyNetwork();
    DoubleBuffer gp = Batches.buffer(gradPsi);
    for (int q = 0; q < gradPsi.length(); q++) {
      gp.put(q, 0.0);
    }
    if (e instanceof Mlp m) {
      m.evaluateAndAccumulate(xp, ep, null, null, 1.0 / b, gradPsi);
    } else {
      e.evaluate(xp, ep, null);
      e.accumulateParamGradient(xp, null, 1.0 / b, gradPsi);
    }
    e.evaluate(xg, eb, null);
    double c = model.logZ();
    DoubleBuffer epb = Batches.buffer(ep);
    DoubleBuffer ebb = Batches.buffer(eb);
    DoubleBuffer abb = Batches.buffer(ab);
    double meanP = 0;
    double meanB = 0;
    double meanA = 0;
    double minE = Double.POSITIVE_INFINITY;
    for (int i = 0; i < b; i++) {
      meanP += epb.get(i);
      double ei = ebb.get(i);
      meanB += ei;
      minE = Math.min(minE, ei);
      double ai = Math.exp(-(ei + c));
      abb.put(i, ai);
      meanA += ai;
    }
    meanP /= b;
    meanB /= b;
    meanA /= b;
    double loss = meanP + c + meanA - 1;
    if (!Double.isFinite(loss)) {
      return new double[] {meanP, meanB, meanA, Double.NaN, loss};
    }
    e.accumulateParamGradient(xg, ab, -1.0 / b, gradPsi);
    if (gradientPenalty > 0) {
      Mlp m = (Mlp) e;
      loss += gradientPenalty / b * m.accumulateSquaredScoreGradient(xp, gradientPenalty / b, gradPsi);
      loss += gradientPenalty / b * m.accumulateSquaredScoreGradient(xg, gradientPenalty / b, gradPsi);
    }
    gc.put(0, 1 - meanA);
    double s2 = 0;
    double s1 = 0;
    for (int i = 0; i < b; i++) {
      double w = Math.exp(-(ebb.get(i) - minE));
      s1 += w;
      s2 += w * w;
    }
    return new double[] {meanP, meanB, meanA, s1 * s1 / s2 / b, loss};
  }

  /** One descent step of KALE(P, B_theta) in theta, with the envelope-theorem gradient. */
  public void baseStep() {
    buffers();
    Generator g = model.base();
    INDArray u;
    if (sampler == null) {
      u = g.latents(batchSize, rng);
    } else {
      Chains ch = model.latentChains(sampler, batchSize, samplerSteps, 1.0, rng);
      u = ch.positions().dup();
    }
    baseGradient(u, sampler != null, gradTheta);
    baseAdam.step(Batches.buffer(model.params()), Batches.buffer(gradTheta), model.baseOffset(),
        baseLearningRate * rateFactor(), beta1, beta2, 1e-8);
  }

  /**
   * The base step's gradient at latents u [B, k], written into the theta block of grad (length numParams of the
   * model; the block is overwritten): sum_i w_i grad_x E(G(u_i)) dG(u_i)/dtheta with w_i = 1/B when the latents
   * already follow nu ({@code equalWeights}), else the self-normalised weights exp(-E(G(u_i))) / sum_j
   * exp(-E(G(u_j))); the latter is the gradient of -log sum_i exp(-E(G_theta(u_i))) at fixed u.
   */
  void baseGradient(INDArray u, boolean equalWeights, INDArray grad) {
    final int b = (int) u.rows();
    if (gx == null || gx.rows() != b) {
      gx = Batches.zeros(b, d);
      xbar = Batches.zeros(b, d);
      eg = Batches.zeros(b);
    }
    Generator g = model.base();
    TrainableEnergy e = model.energyNetwork();
    Generator.Work w = g.forward(u);
    e.evaluate(w.out(), eg, gx);
    final double[] weights;
    if (equalWeights) {
      weights = new double[b];
      java.util.Arrays.fill(weights, 1.0 / b);
    } else {
      weights = Gebm.selfNormalizedWeights(Batches.buffer(eg), b);
    }
    final DoubleBuffer gb = Batches.buffer(gx);
    final DoubleBuffer xbb = Batches.buffer(xbar);
    Par.forRange(b, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int j = 0; j < d; j++) {
          xbb.put(i * d + j, weights[i] * gb.get(i * d + j));
        }
      }
    });
    DoubleBuffer tb = Batches.buffer(grad);
    for (int q = model.baseOffset(); q < grad.length(); q++) {
      tb.put(q, 0.0);
    }
    g.backward(w, xbar, null, grad);
  }
}
