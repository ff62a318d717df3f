package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.ebm4j.jem.JemConfig;
import io.ebm4j.jem.JemTraining;
import io.ebm4j.jem.JointEnergyModel;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * A Tribuo {@code Trainer<Label>} for the joint energy model (Grathwohl et al., "Your Classifier is Secretly an
 * Energy Based Model and You Should Treat It Like One", ICLR 2020, https://arxiv.org/abs/1912.03263): an MLP whose
 * logits give p(y | x) = softmax f(x) and whose E(x) = -logsumexp_y f(x)[y] is trained as an energy on p(x) too
 * ({@link JemTraining}). Features are min-max scaled to the sampler's box [-1, 1] on the training range. The model
 * predicts labels with their probabilities (evaluate it with Tribuo's {@code LabelEvaluator}) and exposes E(x) as an
 * out-of-distribution score. Every setting is an OLCUT {@code @Config} field, so the model's provenance records it;
 * {@code generativeWeight = 0} is the same network trained as a plain classifier.
 *
 * <pre>{@code
 * JemTrainer trainer = new JemTrainer().steps(2000).hidden(128).seed(1);
 * Model<Label> model = trainer.train(digitsTrain);
 * LabelEvaluation e = new LabelEvaluator().evaluate(model, digitsTest);
 * double[] energies = ((JemClassifier) model).energies(digitsTest);   // high = unlike the training data
 * }</pre>
 */
public final class JemTrainer implements Trainer<Label> {
  @Config(description = "Hidden layer widths of the MLP.")
  private int[] hidden = {128};
  @Config(description = "Adam steps.")
  private int steps = JemConfig.defaults().steps();
  @Config(description = "Minibatch size.")
  private int batchSize = JemConfig.defaults().batchSize();
  @Config(description = "Adam learning rate.")
  private double learningRate = JemConfig.defaults().learningRate();
  @Config(description = "Weight of the generative term log p(x); 0 trains a plain classifier.")
  private double generativeWeight = JemConfig.defaults().generativeWeight();
  @Config(description = "SGLD steps per training step.")
  private int sgldSteps = JemConfig.defaults().sgldSteps();
  @Config(description = "SGLD step size.")
  private double stepSize = JemConfig.defaults().stepSize();
  @Config(description = "SGLD noise standard deviation.")
  private double noise = JemConfig.defaults().noise();
  @Config(description = "Seed of the first fit; call k fits with seed + k.")
  private long seed = Trainer.DEFAULT_SEED;

  private int invocationCount = 0;

  /** The defaults of {@link JemConfig#defaults()}; change them with the fluent setters or OLCUT. */
  public JemTrainer() {}

  /** Hidden layer widths, each at least 1. */
  public JemTrainer hidden(int... widths) {
    this.hidden = widths == null ? null : widths.clone();
    postConfig();
    return this;
  }

  /** Adam steps, at least 1. */
  public JemTrainer steps(int n) {
    this.steps = n;
    postConfig();
    return this;
  }

  /** Weight of log p(x), non-negative (0: a plain classifier). */
  public JemTrainer generativeWeight(double w) {
    this.generativeWeight = w;
    postConfig();
    return this;
  }

  /** SGLD steps, step size and noise of the negatives. */
  public JemTrainer sampler(int sgldSteps, double stepSize, double noise) {
    this.sgldSteps = sgldSteps;
    this.stepSize = stepSize;
    this.noise = noise;
    postConfig();
    return this;
  }

  /** Learning rate and minibatch size of Adam. */
  public JemTrainer optimizer(double learningRate, int batchSize) {
    this.learningRate = learningRate;
    this.batchSize = batchSize;
    postConfig();
    return this;
  }

  /** Seed of the first fit. */
  public JemTrainer seed(long s) {
    this.seed = s;
    return this;
  }

  @Override
  public void postConfig() {
    config(seed); // validates every setting, naming the first bad one
  }

  JemConfig config(long fitSeed) {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException("hidden must list at least one width, got " + Arrays.toString(hidden));
    }
    JemConfig d = JemConfig.defaults();
    return new JemConfig(Arrays.stream(hidden).boxed().toList(), steps, batchSize, learningRate, generativeWeight,
        sgldSteps, stepSize, noise, d.bufferSize(), d.reinitProbability(), d.energyPenalty(), d.dataNoise(), -1, 1,
        d.logEvery(), fitSeed);
  }

  @Override
  public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
    return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocation) {
    if (examples == null || examples.size() == 0) {
      throw new IllegalArgumentException("examples must not be null or empty, got "
          + (examples == null ? "null" : "an empty dataset"));
    }
    long fitSeed;
    TrainerProvenance trainerProvenance;
    synchronized (this) {
      if (invocation != INCREMENT_INVOCATION_COUNT) {
        setInvocationCount(invocation);
      }
      fitSeed = seed + invocationCount;
      trainerProvenance = getProvenance();
      invocationCount++;
    }
    INDArray raw = TribuoData.features(examples);
    Scaling scaling = Scaling.minMax(raw);
    INDArray x = JemClassifier.toBox(scaling.apply(raw));
    int[] labels = TribuoData.labelIds(examples);
    JointEnergyModel m = JemTraining.of(config(fitSeed)).fit(x, labels);
    ModelProvenance provenance = new ModelProvenance(JemClassifier.class.getName(), OffsetDateTime.now(),
        examples.getProvenance(), trainerProvenance, runProvenance);
    return new JemClassifier("jem", provenance, examples.getFeatureIDMap(), examples.getOutputIDInfo(), scaling, m);
  }

  @Override
  public synchronized int getInvocationCount() {
    return invocationCount;
  }

  @Override
  public synchronized void setInvocationCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("invocationCount must be non-negative, got " + count);
    }
    this.invocationCount = count;
  }

  @Override
  public TrainerProvenance getProvenance() {
    return new TrainerProvenanceImpl(this);
  }

  @Override
  public String toString() {
    return "JemTrainer(hidden=" + Arrays.toString(hidden) + ", steps=" + steps + ", generativeWeight="
        + generativeWeight + ", seed=" + seed + ")";
  }
}
