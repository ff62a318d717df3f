package io.ebm4j.gebm;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.DenseNet;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Resampling;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A generalized energy-based model (Arbel, Zhou, Gretton, "Generalized Energy Based Models", ICLR 2021,
 * https://arxiv.org/abs/2003.05033): an energy E_psi that tilts an implicit base B_theta,
 *
 * <pre>
 *   dQ(x) = exp(-E_psi(x) - c) dB_theta(x),   B_theta = law of G_theta(Z), Z ~ eta,   c -> log Z_{theta,psi},
 * </pre>
 *
 * reducing to the implicit model when E is constant and to a standard EBM when the base has a density. The base
 * may concentrate on a low-dimensional manifold: Q then has no Lebesgue density, but samples are X = G(Z) with Z
 * drawn from the latent tilt nu(z) proportional to eta(z) exp(-E(G(z))) ({@link #latentEnergy}, any
 * {@link Kernel}), or exactly by importance resampling of base draws ({@link #sampleExact}).
 *
 * <p>As an {@link io.ebm4j.energy.Energy} on x the model is E_psi: {@code evaluate} gives E_psi(x) and its gradient,
 * the log density of Q relative to the base up to c. Its flat parameter vector ({@link #params()}, live, DOUBLE) is
 * the concatenation [psi, c, theta], so a trained model travels as one vector like any trainable energy;
 * {@link #accumulateParamGradient} is dE_psi/dpsi (zero in the c and theta blocks). Train it with
 * {@link KaleTrainer}.
 *
 * <pre>{@code
 * Gebm q = Gebm.builder(2, 1).energyHidden(64, 64).generatorHidden(64, 64).seed(3).build();
 * KaleTrainer t = KaleTrainer.of(q, data).batchSize(256).energySteps(5);
 * for (int k = 0; k < 2000; k++) t.step();
 * INDArray xs = q.sampleLatent(Kernels.mala(0.05), 1000, 200, 1.0, new Rng(1));   // GEBM samples
 * INDArray xb = q.sampleBase(1000, new Rng(2));                                   // base samples
 * }</pre>
 *
 * <p>Not safe for concurrent calls (work buffers are shared); use {@link #copy()} per thread.
 */
public final class Gebm implements TrainableEnergy {
  private final TrainableEnergy energy;
  private final Generator base;
  private final INDArray flat;
  private final DoubleBuffer fb;
  private final INDArray psi;
  private final int psiSize;

  private Gebm(TrainableEnergy energy, Generator standaloneBase, double c) {
    if (energy == null || standaloneBase == null) {
      throw new IllegalArgumentException("energy and base must not be null");
    }
    if (energy.dim() != standaloneBase.dim()) {
      throw new IllegalArgumentException("energy dim " + energy.dim() + " must equal the base's output dim "
          + standaloneBase.dim());
    }
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException("c must be finite, got " + c);
    }
    this.energy = energy;
    this.psiSize = energy.numParams();
    int total = psiSize + 1 + standaloneBase.numParams();
    this.flat = Batches.zeros(total);
    this.fb = Batches.buffer(flat);
    double[] e = energy.params().castTo(DataType.DOUBLE).dup().toDoubleVector();
    for (int q = 0; q < psiSize; q++) {
      fb.put(q, e[q]);
    }
    fb.put(psiSize, c);
    double[] t = standaloneBase.params().dup().toDoubleVector();
    for (int q = 0; q < t.length; q++) {
      fb.put(psiSize + 1 + q, t[q]);
    }
    DenseNet net = new DenseNet(standaloneBase.latentDim(), standaloneBase.hidden(), standaloneBase.dim(),
        standaloneBase.activation(), psiSize + 1);
    this.base = new Generator(net, standaloneBase.prior(), flat);
    this.psi = flat.get(NDArrayIndex.interval(0, psiSize));
  }

  /** A GEBM from an energy (any trainable energy; a {@link Mlp} for gradient penalties) and a base; c starts at 0. */
  public static Gebm of(TrainableEnergy energy, Generator base) {
    return new Gebm(energy.copy(), base, 0.0);
  }

  /** Starts a builder for a GEBM on R^dim with a latentDim-dimensional latent space (MLP energy and generator). */
  public static Builder builder(int dim, int latentDim) {
    return new Builder(dim, latentDim);
  }

  /** Fluent configuration of the two networks. */
  public static final class Builder {
    private final int dim;
    private final int latentDim;
    private int[] energyHidden = {64, 64};
    private int[] generatorHidden = {64, 64};
    private Activation energyActivation = Activation.SILU;
    private Activation generatorActivation = Activation.SILU;
    private LatentPrior prior = LatentPrior.GAUSSIAN;
    private long seed;

    private Builder(int dim, int latentDim) {
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be at least 1, got " + dim);
      }
      if (latentDim < 1) {
        throw new IllegalArgumentException("latentDim must be at least 1, got " + latentDim);
      }
      this.dim = dim;
      this.latentDim = latentDim;
    }

    /** Hidden widths of the energy MLP (default 64, 64). */
    public Builder energyHidden(int... widths) {
      this.energyHidden = widths == null ? null : widths.clone();
      return this;
    }

    /** Hidden widths of the generator (default 64, 64). */
    public Builder generatorHidden(int... widths) {
      this.generatorHidden = widths == null ? null : widths.clone();
      return this;
    }

    public Builder energyActivation(Activation a) {
      this.energyActivation = a;
      return this;
    }

    public Builder generatorActivation(Activation a) {
      this.generatorActivation = a;
      return this;
    }

    public Builder prior(LatentPrior p) {
      this.prior = p;
      return this;
    }

    /** Seed of both initialisations. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Gebm build() {
      Mlp e = Mlp.builder(dim).hidden(energyHidden).activation(energyActivation).dtype(DataType.DOUBLE)
          .seed(seed * 2 + 1).build();
      Generator g = Generator.builder(latentDim, dim).hidden(generatorHidden).activation(generatorActivation)
          .prior(prior).seed(seed * 2 + 2).build();
      return new Gebm(e, g, 0.0);
    }
  }

  /** The energy network with the current psi (the same object on every call; change psi through params()). */
  public TrainableEnergy energyNetwork() {
    sync();
    return energy;
  }

  /** The base generator; its parameters are a live view of the theta block. */
  public Generator base() {
    return base;
  }

  /** The learned normaliser c, which tends to log Z_{theta,psi} = log E_B[exp(-E_psi)] during training. */
  public double logZ() {
    return fb.get(psiSize);
  }

  /** Size of the psi block (the energy's parameters); c sits at this index, theta follows it. */
  public int energyParamCount() {
    return psiSize;
  }

  /** Index of the first generator parameter in {@link #params()}. */
  public int baseOffset() {
    return psiSize + 1;
  }

  /** Copies psi from the flat vector into the energy network. */
  private void sync() {
    energy.params().assign(psi);
  }

  @Override
  public int dim() {
    return energy.dim();
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    sync();
    energy.evaluate(x, u, g);
  }

  @Override
  public INDArray params() {
    return flat;
  }

  @Override
  public int numParams() {
    return (int) flat.length();
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[numParams()];
    String[] e = energy.paramNames();
    for (int q = 0; q < psiSize; q++) {
      names[q] = "E." + e[q];
    }
    names[psiSize] = "c";
    base.names("G.", names);
    return names;
  }

  /** out[psi block] += scale * sum_i w_i dE_psi(x_i)/dpsi; the c and theta blocks get nothing. */
  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    if (out == null || out.length() != numParams()) {
      throw new IllegalArgumentException("out must have length " + numParams() + ", got "
          + (out == null ? "null" : String.valueOf(out.length())));
    }
    sync();
    INDArray g = Batches.zeros(psiSize);
    energy.accumulateParamGradient(x, w, scale, g);
    INDArray head = out.reshape(out.length()).get(NDArrayIndex.interval(0, psiSize));
    head.addi(g.castTo(out.dataType()));
  }

  @Override
  public Gebm copy() {
    sync();
    return new Gebm(energy.copy(), base.copy(), logZ());
  }

  /**
   * The latent energy U_T(u) = |u|^2 / 2 + E_psi(G_theta(u)) / T, the target nu of latent samplers at temperature T
   * (T = 1: exactly the GEBM's latent tilt; T < 1 sharpens, T > 1 flattens it towards the base).
   */
  public LatentEnergy latentEnergy(double temperature) {
    return new LatentEnergy(this, temperature);
  }

  /** n base samples G(u), u ~ N(0, I). */
  public INDArray sampleBase(int n, Rng rng) {
    return base.sample(n, rng);
  }

  /**
   * Exact GEBM samples in the large-pool limit: draws {@code pool} base samples, weights them by exp(-E_psi) and
   * resamples n of them (multinomial). Returns [n, d].
   */
  public INDArray sampleExact(int n, int pool, Rng rng) {
    return sampleExact(n, pool, 1.0, rng);
  }

  /** As {@link #sampleExact(int, int, Rng)} for the tempered tilt exp(-E_psi / T) of the base. */
  public INDArray sampleExact(int n, int pool, double temperature, Rng rng) {
    if (n < 1 || pool < 1) {
      throw new IllegalArgumentException("n and pool must be at least 1, got " + n + ", " + pool);
    }
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    INDArray x = sampleBase(pool, rng);
    INDArray e = energy(x);
    if (temperature != 1.0) {
      e.divi(temperature);
    }
    double[] w = selfNormalizedWeights(Batches.buffer(e), pool);
    int[] a = Resampling.MULTINOMIAL.ancestors(w, rng);
    return pick(x, a, n, rng);
  }

  /**
   * Runs n latent chains from the prior for {@code steps} steps of {@code kernel} on U_T; returns the chains (their
   * positions are latents; {@code base().generate(chains.positions())} gives the samples).
   */
  public Chains latentChains(Kernel kernel, int n, int steps, double temperature, Rng rng) {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (n < 1 || steps < 0) {
      throw new IllegalArgumentException("n must be at least 1 and steps at least 0, got " + n + ", " + steps);
    }
    LatentEnergy u = latentEnergy(temperature);
    Kernel k = kernel.fresh();
    Chains c = k.init(u, base.latents(n, rng));
    for (int s = 0; s < steps; s++) {
      k.step(u, c, rng);
    }
    return c;
  }

  /** GEBM samples X = G(Z) after {@code steps} steps of latent chains at temperature T. Returns [n, d]. */
  public INDArray sampleLatent(Kernel kernel, int n, int steps, double temperature, Rng rng) {
    return base.generate(latentChains(kernel, n, steps, temperature, rng).positions());
  }

  /** w_i proportional to exp(-e_i), summing to 1 (shifted by the minimum for stability). */
  static double[] selfNormalizedWeights(DoubleBuffer e, int n) {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, e.get(i));
    }
    if (!Double.isFinite(min)) {
      throw new IllegalStateException("energies must be finite, got minimum " + min);
    }
    double[] w = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      w[i] = Math.exp(-(e.get(i) - min));
      s += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= s;
    }
    return w;
  }

  /** n rows of x at ancestors a (a has pool entries; the first n after a random shuffle). */
  static INDArray pick(INDArray x, int[] a, int n, Rng rng) {
    int d = (int) x.columns();
    int[] order = a.clone();
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    INDArray out = Batches.zeros(n, d);
    DoubleBuffer ob = Batches.buffer(out);
    DoubleBuffer xb = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      int src = order[i % order.length];
      for (int j = 0; j < d; j++) {
        ob.put(i * d + j, xb.get(src * d + j));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Gebm{energy=" + energy + ", base=" + base + ", c=" + logZ() + "}";
  }

}
