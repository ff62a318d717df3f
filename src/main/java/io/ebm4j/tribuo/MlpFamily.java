package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Training;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A neural energy U(z) = MLP(z) + |z|^2 / 2 on standardised features (each column to mean 0 and standard deviation 1
 * on the training data): the fixed standard Gaussian keeps the density proper, and the MLP starts with a zero output
 * layer, so training starts from N(0, I). Trained with ebm4j's {@link Training} loop (Adam) by persistent contrastive
 * divergence ("pcd", default) or Jarzynski-weighted PCD ("jarzynski"; Carbone, Hua, Coste and Vanden-Eijnden,
 * "Efficient Training of Energy-Based Models Using Jarzynski Equality", NeurIPS 2023,
 * https://arxiv.org/abs/2305.19414), the walkers moved by unadjusted Langevin steps and started at N(0, I) draws.
 *
 * <pre>{@code
 * MlpFamily mlp = new MlpFamily().hidden(64, 64).steps(500).method("jarzynski");
 * }</pre>
 */
public final class MlpFamily implements EnergyFamily {
  @Config(description = "Hidden layer widths, first to last.")
  private int[] hidden = {64, 64};
  @Config(description = "Hidden activation.")
  private Activation activation = Activation.SILU;
  @Config(description = "'pcd' or 'jarzynski'.")
  private String method = "pcd";
  @Config(description = "Parameter updates.")
  private int steps = 500;
  @Config(description = "Adam learning rate.")
  private double learningRate = 1e-3;
  @Config(description = "Data minibatch size.")
  private int batchSize = 128;
  @Config(description = "Number of walkers.")
  private int walkers = 256;
  @Config(description = "Unadjusted Langevin step size.")
  private double stepSize = 0.01;
  @Config(description = "Langevin steps per parameter update.")
  private int stepsPerUpdate = 10;
  @Config(description = "Jarzynski only: resample the walkers when ESS/N falls below this.")
  private double resampleBelowEss = 0.5;

  /** The defaults: MLP 64-64 SiLU, 500 Adam(1e-3) updates of PCD with 256 walkers, 10 ULA(0.01) steps each. */
  public MlpFamily() {}

  /** Hidden widths, at least one layer, each at least 1. */
  public MlpFamily hidden(int... widths) {
    this.hidden = widths == null ? null : widths.clone();
    validate();
    return this;
  }

  /** Hidden activation. */
  public MlpFamily activation(Activation a) {
    this.activation = a;
    validate();
    return this;
  }

  /** "pcd" or "jarzynski". */
  public MlpFamily method(String m) {
    this.method = m;
    validate();
    return this;
  }

  /** Parameter updates, at least 1. */
  public MlpFamily steps(int n) {
    this.steps = n;
    validate();
    return this;
  }

  /** Adam learning rate, positive and finite. */
  public MlpFamily learningRate(double lr) {
    this.learningRate = lr;
    validate();
    return this;
  }

  /** Data minibatch size, at least 1. */
  public MlpFamily batchSize(int b) {
    this.batchSize = b;
    validate();
    return this;
  }

  /** Number of walkers, at least 1. */
  public MlpFamily walkers(int n) {
    this.walkers = n;
    validate();
    return this;
  }

  /** Langevin step size, positive and finite. */
  public MlpFamily stepSize(double s) {
    this.stepSize = s;
    validate();
    return this;
  }

  /** Langevin steps per update, at least 1. */
  public MlpFamily stepsPerUpdate(int k) {
    this.stepsPerUpdate = k;
    validate();
    return this;
  }

  @Override
  public void postConfig() {
    validate();
  }

  private void validate() {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException("hidden must name at least one layer width, got none");
    }
    for (int w : hidden) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be at least 1, got " + java.util.Arrays.toString(hidden));
      }
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    if (!"pcd".equals(method) && !"jarzynski".equals(method)) {
      throw new IllegalArgumentException("method must be 'pcd' or 'jarzynski', got '" + method + "'");
    }
    Checks.atLeast(steps, 1, "steps");
    Checks.positive(learningRate, "learningRate");
    Checks.atLeast(batchSize, 1, "batchSize");
    Checks.atLeast(walkers, 1, "walkers");
    Checks.positive(stepSize, "stepSize");
    Checks.atLeast(stepsPerUpdate, 1, "stepsPerUpdate");
    if (!(resampleBelowEss > 0 && resampleBelowEss <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + resampleBelowEss);
    }
  }

  @Override
  public FittedEnergy fit(INDArray x, long seed) {
    validate();
    INDArray xs = Checks.batch(x);
    int d = (int) xs.columns();
    Scaling scaling = Scaling.standard(xs);
    INDArray z = scaling.apply(xs);
    Mlp mlp = Mlp.builder(d).hidden(hidden).activation(activation).dtype(DataType.DOUBLE).seed(seed).build();
    long p = mlp.numParams();
    mlp.params().get(NDArrayIndex.interval(p - hidden[hidden.length - 1] - 1, p)).assign(0);
    Gaussian base = Energies.standardNormal(d);
    SumEnergy model = Energies.plus(mlp, base);
    INDArray x0 = base.sample(walkers, seed + 1);
    var ula = Kernels.ula(stepSize);
    Method m = "jarzynski".equals(method)
        ? Methods.jarzynski(ula).initFrom(x0).resampleBelowEss(resampleBelowEss).stepsPerUpdate(stepsPerUpdate)
        : Methods.pcd(ula).initFrom(x0).stepsPerUpdate(stepsPerUpdate);
    SumEnergy trained = new Training<>(model).on(z).method(m).optimizer(new Adam(learningRate))
        .batchSize(Math.min(batchSize, (int) z.rows())).steps(steps).logEvery(steps).seed(seed + 2).run().model();
    return new FittedMlp(scaling, hidden, activation, Batches.toArray(trained.trainable().params()));
  }

  @Override
  public String toString() {
    return "MlpFamily(hidden=" + java.util.Arrays.toString(hidden) + ", method=" + method + ", steps=" + steps + ")";
  }
}
