package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Anomaly detection with an energy-based model: fit an energy U to the training examples (an
 * {@link EnergyFamily}: RBM free energy, neural energy or Gaussian mixture), set the threshold tau to the
 * {@code quantile} of the training energies, and predict {@code Event(ANOMALOUS, U(x))} when U(x) > tau, else
 * {@code Event(EXPECTED, U(x))}. With quantile q about a fraction 1 - q of the training data is flagged. Examples
 * labelled {@code ANOMALOUS} in the training set are left out of the fit (the rest, EXPECTED or unlabelled, is taken
 * as normal). The threshold is the empirical quantile: the ceil(q n)-th smallest of the n training energies.
 *
 * <p>Every setting is an OLCUT {@code @Config} field, so the trained model's provenance records the family, its
 * hyperparameters, the quantile and the seed (Pocock, "Tribuo: Machine Learning with Provenance in Java", arXiv
 * 2021, https://arxiv.org/abs/2110.03022). Call k (0-based) of {@code train} on one trainer fits with seed
 * {@code seed + k}, as Tribuo trainers advance their random stream per invocation.
 *
 * <pre>{@code
 * Trainer<Event> trainer = new EnergyAnomalyTrainer(new RbmFamily().hidden(32), 0.95, 1L);
 * Model<Event> model = trainer.train(normalData);                       // a Tribuo Dataset<Event>
 * AnomalyEvaluation eval = new AnomalyEvaluator().evaluate(model, testData);
 * double auroc = AnomalyScores.auroc(model.predict(testData));
 * }</pre>
 */
public final class EnergyAnomalyTrainer implements Trainer<Event> {
  @Config(mandatory = true, description = "The energy family and its hyperparameters.")
  private EnergyFamily energy;
  @Config(description = "Quantile of the training energies used as the anomaly threshold, in (0, 1).")
  private double quantile = 0.95;
  @Config(description = "Seed of the first fit; call k fits with seed + k.")
  private long seed = Trainer.DEFAULT_SEED;

  private int invocationCount = 0;

  /** For OLCUT. */
  private EnergyAnomalyTrainer() {}

  /** A trainer with quantile 0.95 and Tribuo's default seed. */
  public EnergyAnomalyTrainer(EnergyFamily energy) {
    this(energy, 0.95, Trainer.DEFAULT_SEED);
  }

  /** A trainer flagging energies above the {@code quantile} (in (0, 1)) of the training energies. */
  public EnergyAnomalyTrainer(EnergyFamily energy, double quantile, long seed) {
    this.energy = energy;
    this.quantile = quantile;
    this.seed = seed;
    postConfig();
  }

  @Override
  public void postConfig() {
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
    }
  }

  @Override
  public Model<Event> train(Dataset<Event> examples, Map<String, Provenance> runProvenance) {
    return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public Model<Event> train(Dataset<Event> examples, Map<String, Provenance> runProvenance, int invocation) {
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
    List<Example<Event>> normal = new ArrayList<>();
    for (Example<Event> e : examples) {
      if (e.getOutput().getType() != Event.EventType.ANOMALOUS) {
        normal.add(e);
      }
    }
    if (normal.isEmpty()) {
      throw new IllegalArgumentException("examples must hold at least one example that is not ANOMALOUS, got "
          + examples.size() + " examples in '" + TribuoData.description(examples) + "'");
    }
    INDArray x = TribuoData.features(normal, examples.getFeatureIDMap());
    FittedEnergy fitted = energy.fit(x, fitSeed);
    double threshold = quantile(fitted.energies(x), quantile);
    ModelProvenance provenance = new ModelProvenance(EnergyAnomalyModel.class.getName(), OffsetDateTime.now(),
        examples.getProvenance(), trainerProvenance, runProvenance);
    return new EnergyAnomalyModel("energy-anomaly", provenance, examples.getFeatureIDMap(),
        examples.getOutputIDInfo(), fitted, threshold);
  }

  /** The empirical q-quantile: the ceil(q n)-th smallest value (1-based). */
  static double quantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    int k = (int) Math.ceil(q * s.length);
    return s[Math.max(0, Math.min(s.length - 1, k - 1))];
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
    return "EnergyAnomalyTrainer(energy=" + energy + ", quantile=" + quantile + ", seed=" + seed + ")";
  }
}
