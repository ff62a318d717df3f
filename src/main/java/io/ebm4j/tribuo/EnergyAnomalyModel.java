package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

/**
 * The model of an {@link EnergyAnomalyTrainer}: predicts {@code Event(ANOMALOUS, U(x))} when the energy U(x)
 * exceeds {@link #threshold()}, else {@code Event(EXPECTED, U(x))}, for a whole batch of examples at once. It
 * serialises with Java serialisation (the energy's parameters are plain arrays); Tribuo's protobuf form is not
 * supported and {@link #serialize()} says so.
 *
 * <pre>{@code
 * EnergyAnomalyModel m = (EnergyAnomalyModel) trainer.train(data);
 * double tau = m.threshold();
 * double score = m.predict(example).getOutput().getScore();   // the energy
 * }</pre>
 */
public final class EnergyAnomalyModel extends Model<Event> {
  private static final long serialVersionUID = 1L;
  private final FittedEnergy energy;
  private final double threshold;

  EnergyAnomalyModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
      ImmutableOutputInfo<Event> outputIDInfo, FittedEnergy energy, double threshold) {
    super(name, provenance, featureIDMap, outputIDInfo, false);
    this.energy = energy;
    this.threshold = threshold;
  }

  /** The anomaly threshold tau on the energy. */
  public double threshold() {
    return threshold;
  }

  /** The fitted energy (with its preprocessing) on the model's features. */
  public FittedEnergy energy() {
    return energy;
  }

  /** Energies U(x) of examples (rows in order), features looked up in this model's feature map. */
  public double[] energies(Iterable<Example<Event>> examples) {
    return energy.energies(TribuoData.features(examples, featureIDMap));
  }

  @Override
  public Prediction<Event> predict(Example<Event> example) {
    return innerPredict(List.of(example)).get(0);
  }

  @Override
  protected List<Prediction<Event>> innerPredict(Iterable<Example<Event>> examples) {
    List<Example<Event>> list = new ArrayList<>();
    for (Example<Event> e : examples) {
      list.add(e);
    }
    if (list.isEmpty()) {
      return List.of();
    }
    INDArray x = TribuoData.features(list, featureIDMap);
    double[] u = energy.energies(x);
    List<Prediction<Event>> out = new ArrayList<>(list.size());
    for (int i = 0; i < u.length; i++) {
      Event.EventType type = u[i] > threshold ? Event.EventType.ANOMALOUS : Event.EventType.EXPECTED;
      out.add(new Prediction<>(new Event(type, u[i]), known(list.get(i)), list.get(i)));
    }
    return out;
  }

  private int known(Example<Event> e) {
    int k = 0;
    for (org.tribuo.Feature f : e) {
      if (featureIDMap.getID(f.getName()) >= 0) {
        k++;
      }
    }
    return k;
  }

  /** None: an energy has no per-feature weights. */
  @Override
  public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
    return Collections.emptyMap();
  }

  @Override
  public Optional<Excuse<Event>> getExcuse(Example<Event> example) {
    return Optional.empty();
  }

  @Override
  protected EnergyAnomalyModel copy(String newName, ModelProvenance newProvenance) {
    return new EnergyAnomalyModel(newName, newProvenance, featureIDMap, outputIDInfo, energy, threshold);
  }

  /** Unsupported: use Java serialisation ({@code ObjectOutputStream}), which this model supports. */
  @Override
  public ModelProto serialize() {
    throw new UnsupportedOperationException("EnergyAnomalyModel has no Tribuo protobuf form; serialise it with Java"
        + " serialisation (ObjectOutputStream), which stores the energy's parameters as plain arrays");
  }
}
