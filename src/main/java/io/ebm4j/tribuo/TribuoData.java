package io.ebm4j.tribuo;

import io.ebm4j.data.LabeledData;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Conversions between Tribuo data and ebm4j batches. A Tribuo example is a sparse list of named features; its dense
 * row puts feature f in column {@code featureMap.getID(f)} (Tribuo's own ids, 0..d-1, the order every Tribuo model
 * uses), absent features are 0 (Tribuo's convention), and features the map does not know are ignored, as Tribuo
 * models ignore them. Labels become Tribuo's output ids (0..K-1 in {@code ImmutableOutputInfo} order), so a model
 * built on a batch maps its class indices straight back to {@code Label}s.
 *
 * <pre>{@code
 * MutableDataset<Label> ds = TribuoData.toDataset(Datasets.digits());   // named features, labels "0".."9"
 * INDArray x = TribuoData.features(ds);                                   // [1797, 64], columns by feature id
 * int[] y = TribuoData.labelIds(ds);                                      // Tribuo output ids
 * LabeledData back = TribuoData.toLabeledData(ds);                        // integer labels, ebm4j's side
 * }</pre>
 *
 * <p>Tribuo: Pocock, "Tribuo: Machine Learning with Provenance in Java", arXiv 2021,
 * https://arxiv.org/abs/2110.03022.
 */
public final class TribuoData {
  private TribuoData() {}

  /** The [N, d] dense features of a dataset, d = its feature map's size, column j = the feature with id j. */
  public static <T extends Output<T>> INDArray features(Dataset<T> data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("data must hold at least one example, got 0 in '"
          + description(data) + "'");
    }
    return features(data, data.getFeatureIDMap());
  }

  /**
   * The [N, d] dense features of examples under a feature map (a model's {@code getFeatureIDMap()} at prediction
   * time). An example none of whose features the map knows fails, naming its index.
   */
  public static <T extends Output<T>> INDArray features(Iterable<? extends Example<T>> examples,
      ImmutableFeatureMap featureMap) {
    if (examples == null) {
      throw new IllegalArgumentException("examples must not be null");
    }
    if (featureMap == null || featureMap.size() == 0) {
      throw new IllegalArgumentException("featureMap must hold at least one feature, got "
          + (featureMap == null ? "null" : "an empty map"));
    }
    List<Example<T>> list = new ArrayList<>();
    for (Example<T> e : examples) {
      list.add(e);
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("examples must hold at least one example, got 0");
    }
    int d = featureMap.size();
    INDArray x = Batches.zeros(list.size(), d);
    DoubleBuffer xb = Batches.buffer(x);
    double[] row = new double[d];
    for (int i = 0; i < list.size(); i++) {
      fill(list.get(i), featureMap, row, i);
      xb.put(i * d, row);
    }
    return x;
  }

  /**
   * Writes the dense row of one example into {@code row} (length d, overwritten); {@code index} only names the
   * example in the error when none of its features is known.
   */
  static void fill(Example<?> example, ImmutableFeatureMap featureMap, double[] row, int index) {
    java.util.Arrays.fill(row, 0);
    int known = 0;
    for (Feature f : example) {
      int id = featureMap.getID(f.getName());
      if (id >= 0) {
        row[id] = f.getValue();
        known++;
      }
    }
    if (known == 0) {
      throw new IllegalArgumentException("example " + index + " has none of the " + featureMap.size()
          + " features of the feature map (its features: " + names(example) + "); mismatched features");
    }
  }

  private static String names(Example<?> example) {
    List<String> n = new ArrayList<>();
    for (Feature f : example) {
      n.add(f.getName());
      if (n.size() == 5) {
        n.add("...");
        break;
      }
    }
    return n.toString();
  }

  /** The feature names by id: element j names column j of {@link #features}. */
  public static List<String> featureNames(ImmutableFeatureMap featureMap) {
    if (featureMap == null) {
      throw new IllegalArgumentException("featureMap must not be null");
    }
    List<String> names = new ArrayList<>(featureMap.size());
    for (int j = 0; j < featureMap.size(); j++) {
      names.add(featureMap.get(j).getName());
    }
    return names;
  }

  /** The Tribuo output id of each example's label (0..K-1, in the dataset's {@code getOutputIDInfo()}). */
  public static int[] labelIds(Dataset<Label> data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    return labelIds(data, data.getOutputIDInfo());
  }

  /** The output id of each example's label under {@code outputInfo}; an unknown label fails, naming it. */
  public static int[] labelIds(Iterable<? extends Example<Label>> examples, ImmutableOutputInfo<Label> outputInfo) {
    if (examples == null || outputInfo == null) {
      throw new IllegalArgumentException("examples and outputInfo must not be null, got "
          + (examples == null ? "null examples" : "null outputInfo"));
    }
    List<Integer> ids = new ArrayList<>();
    for (Example<Label> e : examples) {
      int id = outputInfo.getID(e.getOutput());
      if (id < 0) {
        throw new IllegalArgumentException("example " + ids.size() + " has label '" + e.getOutput().getLabel()
            + "', unknown to outputInfo " + outputInfo.getDomain());
      }
      ids.add(id);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Tribuo label predictions from class probabilities p [N, K] (column k = output id k of {@code outputInfo}, rows
   * summing to 1): each prediction is the most probable label, with every label's probability as its output scores,
   * flagged as probabilistic. A classifier over ebm4j batches (a JEM, say) maps its softmax straight back to Tribuo.
   *
   * <pre>{@code
   * INDArray p = classifier.probabilities(TribuoData.features(examples, featureIDMap));   // [N, K]
   * List<Prediction<Label>> out = TribuoData.labelPredictions(p, examples, outputIDInfo);
   * }</pre>
   */
  public static List<org.tribuo.Prediction<Label>> labelPredictions(INDArray probabilities,
      List<? extends Example<Label>> examples, ImmutableOutputInfo<Label> outputInfo) {
    if (examples == null || outputInfo == null) {
      throw new IllegalArgumentException("examples and outputInfo must not be null, got "
          + (examples == null ? "null examples" : "null outputInfo"));
    }
    int k = outputInfo.size();
    INDArray p = Batches.requireBatch(probabilities, k, "probabilities");
    if (p.rows() != examples.size()) {
      throw new IllegalArgumentException("probabilities must have one row per example (" + examples.size()
          + "), got " + p.rows());
    }
    DoubleBuffer pb = Batches.buffer(p);
    String[] names = new String[k];
    for (int c = 0; c < k; c++) {
      names[c] = outputInfo.getOutput(c).getLabel();
    }
    List<org.tribuo.Prediction<Label>> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      java.util.Map<String, Label> scores = new java.util.LinkedHashMap<>();
      int best = 0;
      for (int c = 0; c < k; c++) {
        double v = pb.get(i * k + c);
        scores.put(names[c], new Label(names[c], v));
        best = v > pb.get(i * k + best) ? c : best;
      }
      Example<Label> e = examples.get(i);
      out.add(new org.tribuo.Prediction<>(scores.get(names[best]), scores, e.size(), e, true));
    }
    return out;
  }

  /**
   * A Tribuo classification dataset as ebm4j data: features by id, feature names from the map, and labels parsed
   * from the label names, which must be integers (as {@link #toDataset(LabeledData)} writes them; for other names use
   * {@link #features} and {@link #labelIds}).
   */
  public static LabeledData toLabeledData(Dataset<Label> data) {
    INDArray x = features(data);
    int[] labels = new int[data.size()];
    int i = 0;
    for (Example<Label> e : data) {
      String name = e.getOutput().getLabel();
      try {
        labels[i++] = Integer.parseInt(name);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("label names must be integers to become ebm4j labels, got '" + name
            + "' at example " + (i - 1) + "; use TribuoData.labelIds for Tribuo's output ids");
      }
    }
    return new LabeledData(x, labels, featureNames(data.getFeatureIDMap()), description(data));
  }

  /** The "description" of the dataset's source provenance when it has one (as SimpleDataSourceProvenance does). */
  static String description(Dataset<?> data) {
    if (data.getSourceProvenance() != null) {
      for (var pair : data.getSourceProvenance()) {
        if ("description".equals(pair.getA())
            && pair.getB() instanceof com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance s) {
          return s.getValue();
        }
      }
    }
    return data.getSourceDescription();
  }

  /**
   * ebm4j labelled data as a Tribuo classification dataset: one dense example per row with the data's feature names,
   * label {@code Label(String.valueOf(label))}, and a {@code SimpleDataSourceProvenance} naming the data.
   */
  public static MutableDataset<Label> toDataset(LabeledData data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    List<Label> outputs = new ArrayList<>(data.size());
    for (int label : data.labels()) {
      outputs.add(new Label(String.valueOf(label)));
    }
    return toDataset(data.x(), data.featureNames(), outputs, new LabelFactory(), data.name());
  }

  /**
   * Any batch x [N, d] as a Tribuo dataset with the given outputs (one per row; e.g. {@code Event}s for anomaly
   * detection), feature names (one per column) and a {@code SimpleDataSourceProvenance(description, factory)}.
   */
  public static <T extends Output<T>> MutableDataset<T> toDataset(INDArray x, List<String> featureNames,
      List<T> outputs, OutputFactory<T> factory, String description) {
    if (factory == null || description == null) {
      throw new IllegalArgumentException("factory and description must not be null, got "
          + (factory == null ? "null factory" : "null description"));
    }
    if (featureNames == null) {
      throw new IllegalArgumentException("featureNames must name each column of x, got null");
    }
    INDArray xs = Batches.requireBatch(x, featureNames.size(), "x");
    int n = (int) xs.rows();
    int d = (int) xs.columns();
    if (outputs == null || outputs.size() != n) {
      throw new IllegalArgumentException("outputs must have one entry per row of x (" + n + "), got "
          + (outputs == null ? "null" : String.valueOf(outputs.size())));
    }
    if (new java.util.HashSet<>(featureNames).size() != d) {
      throw new IllegalArgumentException("featureNames must be distinct, got " + featureNames);
    }
    String[] names = featureNames.toArray(new String[0]);
    DoubleBuffer xb = Batches.buffer(xs);
    double[] row = new double[d];
    MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    for (int i = 0; i < n; i++) {
      xb.get(i * d, row);
      ds.add(new ArrayExample<>(outputs.get(i), names, row));
    }
    return ds;
  }
}
