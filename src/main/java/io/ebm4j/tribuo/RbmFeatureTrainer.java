package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.time.OffsetDateTime;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * RBM features for any Tribuo trainer: fit a Bernoulli RBM ({@link RbmFamily}: features min-max scaled to [0, 1] and
 * binarised) on the training features, then train the inner trainer on the hidden-unit probabilities
 * p(h_j = 1 | v) = sigmoid(c_j + W_j.v), features named {@code rbm.h0 .. rbm.h(n_h - 1)}. The model applies the RBM,
 * then the inner model. (Tribuo transformations map each feature on its own; an RBM mixes all of them, so it is a
 * trainer wrapper rather than a {@code Transformation}.) The inner model's provenance, inside this model's, records
 * the hidden-feature dataset; this trainer's provenance records the RBM's settings and the inner trainer's.
 *
 * <pre>{@code
 * // any Trainer<Label>, e.g. LogisticRegressionTrainer from tribuo-classification-sgd
 * Trainer<Label> t = new RbmFeatureTrainer<>(new RbmFamily().hidden(64), new LogisticRegressionTrainer(), 1L);
 * Model<Label> m = t.train(digitsTrain);
 * List<Prediction<Label>> p = m.predict(digitsTest);
 * }</pre>
 *
 * @param <T> the output type of the inner trainer
 */
public final class RbmFeatureTrainer<T extends Output<T>> implements Trainer<T> {
  @Config(mandatory = true, description = "The RBM and its training settings.")
  private RbmFamily rbm;
  @Config(mandatory = true, description = "The trainer fitted on the hidden-unit probabilities.")
  private Trainer<T> innerTrainer;
  @Config(description = "Seed of the first RBM fit; call k fits with seed + k.")
  private long seed = Trainer.DEFAULT_SEED;

  private int invocationCount = 0;

  /** For OLCUT. */
  private RbmFeatureTrainer() {}

  /** An RBM feature layer under innerTrainer. */
  public RbmFeatureTrainer(RbmFamily rbm, Trainer<T> innerTrainer, long seed) {
    this.rbm = rbm;
    this.innerTrainer = innerTrainer;
    this.seed = seed;
    postConfig();
  }

  @Override
  public void postConfig() {
    if (rbm == null || innerTrainer == null) {
      throw new IllegalArgumentException("rbm and innerTrainer must not be null, got "
          + (rbm == null ? "null rbm" : "null innerTrainer"));
    }
  }

  @Override
  public Model<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
    return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public Model<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance, int invocation) {
    if (examples == null) {
      throw new IllegalArgumentException("examples must not be null");
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
    INDArray x = TribuoData.features(examples);
    FittedRbm fitted = rbm.fitRbm(x, fitSeed);
    MutableDataset<T> hidden = RbmFeatureModel.hiddenDataset(fitted.hiddenProbabilities(x), examples,
        "RBM hidden probabilities of " + TribuoData.description(examples), examples.getOutputFactory());
    Model<T> inner = innerTrainer.train(hidden, runProvenance);
    ModelProvenance provenance = new ModelProvenance(RbmFeatureModel.class.getName(), OffsetDateTime.now(),
        examples.getProvenance(), trainerProvenance, runProvenance);
    return new RbmFeatureModel<>("rbm-features", provenance, examples.getFeatureIDMap(), examples.getOutputIDInfo(),
        fitted, inner);
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
    return "RbmFeatureTrainer(rbm=" + rbm + ", innerTrainer=" + innerTrainer + ", seed=" + seed + ")";
  }
}
