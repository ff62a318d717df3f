package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The model of a {@link RbmFeatureTrainer}: raw features to RBM hidden probabilities to the inner model. Its feature
 * map is the raw one; {@link #innerModel()} sees the hidden units {@code rbm.h0, rbm.h1, ...}. Java-serialisable
 * when the inner model is; no protobuf form.
 *
 * <pre>{@code
 * RbmFeatureModel<Label> m = (RbmFeatureModel<Label>) trainer.train(train);
 * Prediction<Label> p = m.predict(example);
 * Model<Label> inner = m.innerModel();
 * }</pre>
 *
 * @param <T> the output type
 */
public final class RbmFeatureModel<T extends Output<T>> extends Model<T> {
  private static final long serialVersionUID = 1L;
  private final FittedRbm rbm;
  private final Model<T> inner;

  RbmFeatureModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
      ImmutableOutputInfo<T> outputIDInfo, FittedRbm rbm, Model<T> inner) {
    super(name, provenance, featureIDMap, outputIDInfo, inner.generatesProbabilities());
    this.rbm = rbm;
    this.inner = inner;
  }

  /** The model trained on the hidden-unit probabilities. */
  public Model<T> innerModel() {
    return inner;
  }

  /** Number of hidden units (features of the inner model). */
  public int hidden() {
    return rbm.hidden();
  }

  /** p(h = 1 | v(x)) [N, n_h] of examples, features looked up in this model's feature map. */
  public INDArray hiddenProbabilities(Iterable<Example<T>> examples) {
    return rbm.hiddenProbabilities(TribuoData.features(examples, featureIDMap));
  }

  static String[] hiddenNames(int nh) {
    String[] names = new String[nh];
    for (int j = 0; j < nh; j++) {
      names[j] = "rbm.h" + j;
    }
    return names;
  }

  /** Examples with the hidden probabilities h [N, n_h] as features and the outputs and weights of the originals. */
  static <T extends Output<T>> List<Example<T>> hiddenExamples(INDArray h, List<? extends Example<T>> originals) {
    int n = (int) h.rows();
    int nh = (int) h.columns();
    String[] names = hiddenNames(nh);
    DoubleBuffer hb = Batches.buffer(h);
    double[] row = new double[nh];
    List<Example<T>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hb.get(i * nh, row);
      Example<T> o = originals.get(i);
      ArrayExample<T> e = new ArrayExample<>(o.getOutput(), names, row);
      e.setWeight(o.getWeight());
      out.add(e);
    }
    return out;
  }

  static <T extends Output<T>> MutableDataset<T> hiddenDataset(INDArray h, Iterable<Example<T>> originals,
      String description, OutputFactory<T> factory) {
    List<Example<T>> list = new ArrayList<>();
    originals.forEach(list::add);
    MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    ds.addAll(hiddenExamples(h, list));
    return ds;
  }

  @Override
  public Prediction<T> predict(Example<T> example) {
    return innerPredict(List.of(example)).get(0);
  }

  @Override
  protected List<Prediction<T>> innerPredict(Iterable<Example<T>> examples) {
    List<Example<T>> list = new ArrayList<>();
    examples.forEach(list::add);
    if (list.isEmpty()) {
      return List.of();
    }
    INDArray h = rbm.hiddenProbabilities(TribuoData.features(list, featureIDMap));
    List<Example<T>> hidden = hiddenExamples(h, list);
    List<Prediction<T>> p = inner.predict(hidden);
    List<Prediction<T>> out = new ArrayList<>(p.size());
    for (int i = 0; i < p.size(); i++) {
      out.add(new Prediction<>(p.get(i), list.get(i).size(), list.get(i)));
    }
    return out;
  }

  /** The inner model's top features, which are hidden units ({@code rbm.h<j>}). */
  @Override
  public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
    return inner.getTopFeatures(n);
  }

  @Override
  public Optional<Excuse<T>> getExcuse(Example<T> example) {
    return Optional.empty();
  }

  @Override
  protected RbmFeatureModel<T> copy(String newName, ModelProvenance newProvenance) {
    return new RbmFeatureModel<>(newName, newProvenance, featureIDMap, outputIDInfo, rbm, inner.copy());
  }

  /** Unsupported: use Java serialisation ({@code ObjectOutputStream}). */
  @Override
  public ModelProto serialize() {
    throw new UnsupportedOperationException("RbmFeatureModel has no Tribuo protobuf form; serialise it with Java"
        + " serialisation (ObjectOutputStream)");
  }
}
