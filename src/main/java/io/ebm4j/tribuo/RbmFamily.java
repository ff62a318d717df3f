package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.ebm4j.discrete.Rbm;
import io.ebm4j.discrete.RbmMethod;
import io.ebm4j.discrete.RbmMethods;
import io.ebm4j.discrete.RbmTraining;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Bernoulli-Bernoulli RBM and its free energy F(v) = -b.v - sum_j softplus(c_j + W_j.v). Real-valued features are
 * first min-max scaled to [0, 1] on the training range and then binarised: v_k = 1 where the scaled value exceeds
 * {@code binarizeThreshold} (default 0.5), else 0 (for 8x8 digits, pixel > 8). The RBM is trained with
 * {@link RbmTraining} (minibatch SGD) by persistent (default) or plain contrastive divergence. Binarisation keeps
 * one bit per feature: it suits image-like data with many features (the 8x8 digits); on a handful of real-valued
 * features (Tribuo's 2-D Gaussian anomaly data) the RBM sees at most 2^d distinct states and ranks no better than
 * chance, so use {@link MixtureFamily} or {@link MlpFamily} there.
 *
 * <pre>{@code
 * RbmFamily rbm = new RbmFamily().hidden(32).epochs(30).learningRate(0.05).method("pcd");
 * }</pre>
 */
public final class RbmFamily implements EnergyFamily {
  @Config(description = "Number of hidden units n_h.")
  private int hidden = 32;
  @Config(description = "Passes over the training data.")
  private int epochs = 30;
  @Config(description = "SGD learning rate.")
  private double learningRate = 0.05;
  @Config(description = "Minibatch size.")
  private int batchSize = 20;
  @Config(description = "Gradient estimator: 'pcd' (persistent chains) or 'cd' (chains restarted at the data).")
  private String method = "pcd";
  @Config(description = "Block-Gibbs sweeps per update (k of CD-k / PCD-k).")
  private int gibbsSteps = 1;
  @Config(description = "Number of persistent chains (pcd only).")
  private int walkers = 100;
  @Config(description = "Standard deviation of the initial weights.")
  private double weightStd = 0.01;
  @Config(description = "Scaled feature values above this become 1, the rest 0.")
  private double binarizeThreshold = 0.5;

  /** The defaults: 32 hidden units, 30 epochs of PCD-1 with 100 chains, learning rate 0.05, batches of 20. */
  public RbmFamily() {}

  /** Number of hidden units n_h, at least 1. */
  public RbmFamily hidden(int n) {
    this.hidden = n;
    validate();
    return this;
  }

  /** Passes over the training data, at least 1. */
  public RbmFamily epochs(int n) {
    this.epochs = n;
    validate();
    return this;
  }

  /** SGD learning rate, positive and finite. */
  public RbmFamily learningRate(double lr) {
    this.learningRate = lr;
    validate();
    return this;
  }

  /** Minibatch size, at least 1. */
  public RbmFamily batchSize(int b) {
    this.batchSize = b;
    validate();
    return this;
  }

  /** "pcd" or "cd". */
  public RbmFamily method(String m) {
    this.method = m;
    validate();
    return this;
  }

  /** Block-Gibbs sweeps per update, at least 1. */
  public RbmFamily gibbsSteps(int k) {
    this.gibbsSteps = k;
    validate();
    return this;
  }

  /** Number of persistent chains, at least 1. */
  public RbmFamily walkers(int n) {
    this.walkers = n;
    validate();
    return this;
  }

  /** Binarisation threshold on the [0, 1]-scaled features, in [0, 1). */
  public RbmFamily binarizeThreshold(double t) {
    this.binarizeThreshold = t;
    validate();
    return this;
  }

  @Override
  public void postConfig() {
    validate();
  }

  private void validate() {
    Checks.atLeast(hidden, 1, "hidden");
    Checks.atLeast(epochs, 1, "epochs");
    Checks.positive(learningRate, "learningRate");
    Checks.atLeast(batchSize, 1, "batchSize");
    Checks.atLeast(gibbsSteps, 1, "gibbsSteps");
    Checks.atLeast(walkers, 1, "walkers");
    if (!(weightStd >= 0) || !Double.isFinite(weightStd)) {
      throw new IllegalArgumentException("weightStd must be non-negative and finite, got " + weightStd);
    }
    if (!(binarizeThreshold >= 0 && binarizeThreshold < 1)) {
      throw new IllegalArgumentException("binarizeThreshold must be in [0, 1), got " + binarizeThreshold);
    }
    if (!"pcd".equals(method) && !"cd".equals(method)) {
      throw new IllegalArgumentException("method must be 'pcd' or 'cd', got '" + method + "'");
    }
  }

  @Override
  public FittedEnergy fit(INDArray x, long seed) {
    return fitRbm(x, seed);
  }

  /** The fitted RBM with its scaling (also used by {@link RbmFeatureTrainer}). */
  FittedRbm fitRbm(INDArray x, long seed) {
    validate();
    INDArray xs = Checks.batch(x);
    Scaling scaling = Scaling.minMax(xs);
    INDArray v = scaling.binarize(xs, binarizeThreshold);
    Rbm start = Rbm.random((int) v.columns(), hidden, weightStd,
        new Rng(seed)).visibleBiasFrom(v);
    RbmMethod m = "pcd".equals(method) ? RbmMethods.pcd(gibbsSteps).walkers(walkers) : RbmMethods.cd(gibbsSteps);
    Rbm rbm = RbmTraining.of(start).method(m).learningRate(learningRate).batchSize(batchSize).epochs(epochs)
        .logEvery(epochs).seed(seed + 1).fit(v).rbm();
    return new FittedRbm(scaling, binarizeThreshold, rbm.visible(), rbm.hidden(), Batches.toArray(rbm.params()));
  }

  @Override
  public String toString() {
    return "RbmFamily(hidden=" + hidden + ", epochs=" + epochs + ", learningRate=" + learningRate + ", method="
        + method + gibbsSteps + ")";
  }
}
