package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.ebm4j.jem.JointEnergyModel;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
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
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

/**
 * The model of a {@link JemTrainer}: predicts a {@link Label} with the probabilities p(y | x) of every class, and
 * gives the energy E(x) = -logsumexp_y f(x)[y] of examples as an out-of-distribution score. It serialises with Java
 * serialisation (the network's architecture and parameters as plain values, the network rebuilt on load); Tribuo's
 * protobuf form is not supported and {@link #serialize()} says so.
 *
 * <pre>{@code
 * JemClassifier m = (JemClassifier) new JemTrainer().train(train);
 * Prediction<Label> p = m.predict(example);            // p.getOutputScores(): every class's probability
 * double[] u = m.energies(test);                      // rank examples by how unlike the training data they are
 * }</pre>
 */
public final class JemClassifier extends Model<Label> {
  private static final long serialVersionUID = 1L;
  private final Scaling scaling;
  private final int dim;
  private final int classes;
  private final int[] hidden;
  private final Activation activation;
  private final double[] params;
  private transient JointEnergyModel network;

  JemClassifier(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
      ImmutableOutputInfo<Label> outputIDInfo, Scaling scaling, JointEnergyModel network) {
    super(name, provenance, featureIDMap, outputIDInfo, true);
    this.scaling = scaling;
    this.dim = network.dim();
    this.classes = network.classes();
    this.hidden = network.hidden().clone();
    this.activation = network.activation();
    this.params = Batches.toArray(network.params());
    this.network = network;
  }

  /** Min-max scaled features ([0, 1] on the training range) to the sampler's box [-1, 1]. */
  static INDArray toBox(INDArray unit) {
    return unit.muli(2).subi(1);
  }

  /** The trained network (rebuilt from its parameters after deserialisation). */
  public synchronized JointEnergyModel network() {
    if (network == null) {
      network = JointEnergyModel.builder(dim, classes).hidden(hidden).activation(activation).build();
      network.params().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(params)
          .castTo(network.params().dataType()));
    }
    return network;
  }

  private INDArray inputs(List<? extends Example<Label>> examples) {
    return toBox(scaling.apply(TribuoData.features(examples, featureIDMap)));
  }

  /** Energies E(x) of the examples (rows in order): high where the model puts little density. */
  public double[] energies(Iterable<? extends Example<Label>> examples) {
    List<Example<Label>> list = new ArrayList<>();
    examples.forEach(list::add);
    if (list.isEmpty()) {
      return new double[0];
    }
    INDArray x = inputs(list);
    INDArray u = Batches.zeros(list.size());
    network().evaluate(x, u, null);
    return Batches.toArray(u);
  }

  @Override
  public Prediction<Label> predict(Example<Label> example) {
    return innerPredict(List.of(example)).get(0);
  }

  @Override
  protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
    List<Example<Label>> list = new ArrayList<>();
    examples.forEach(list::add);
    if (list.isEmpty()) {
      return List.of();
    }
    INDArray p = network().predictProbabilities(inputs(list));
    return TribuoData.labelPredictions(p, list, outputIDInfo);
  }

  /** None: the network has no per-feature weights worth ranking. */
  @Override
  public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
    return Collections.emptyMap();
  }

  @Override
  public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
    return Optional.empty();
  }

  @Override
  protected JemClassifier copy(String newName, ModelProvenance newProvenance) {
    return new JemClassifier(newName, newProvenance, featureIDMap, outputIDInfo, scaling, network().copy());
  }

  /** Unsupported: use Java serialisation ({@code ObjectOutputStream}), which this model supports. */
  @Override
  public ModelProto serialize() {
    throw new UnsupportedOperationException("JemClassifier has no Tribuo protobuf form; serialise it with Java"
        + " serialisation (ObjectOutputStream), which stores the network's architecture and parameters");
  }
}
