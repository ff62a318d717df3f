package io.ebm4j.data;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntPredicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A labelled data set: n points as an [n, d] double batch, one integer label per point, the d feature names and a
 * name. Immutable by convention: every transformation returns a new value and leaves this one as it was (do not
 * write into {@link #x()}).
 *
 * <pre>{@code
 * LabeledData digits = Datasets.digits().scaled(1 / 16.0);   // pixels in [0, 1]
 * TrainTest parts = digits.filter(label -> label < 5).split(800, 7);
 * Table t = parts.test().table();                           // feature columns + "label"
 * }</pre>
 *
 * @param x the points, [n, d], dense double, finite, n >= 1
 * @param labels the class of each point, length n
 * @param featureNames one distinct name per column of x
 * @param name a short description (e.g. "iris")
 */
public record LabeledData(INDArray x, int[] labels, List<String> featureNames, String name) {
  /** Name of the label column of {@link #table()}. */
  public static final String LABEL = "label";

  public LabeledData {
    if (x == null) {
      throw new IllegalArgumentException("x must not be null");
    }
    if (x.rank() != 2 || x.rows() < 1) {
      throw new IllegalArgumentException("x must have shape [n, d] with n >= 1, got "
          + java.util.Arrays.toString(x.shape()));
    }
    if (!Batches.isDense(x)) {
      x = x.castTo(DataType.DOUBLE).dup('c');
    }
    Batches.requireFinite(x, "x");
    if (labels == null || labels.length != x.rows()) {
      throw new IllegalArgumentException("labels must have one entry per row of x (" + x.rows() + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    if (featureNames == null || featureNames.size() != x.columns()) {
      throw new IllegalArgumentException("featureNames must name each of the " + x.columns() + " columns of x, got "
          + (featureNames == null ? "null" : featureNames.size() + " names"));
    }
    featureNames = List.copyOf(featureNames);
    if (new HashSet<>(featureNames).size() != featureNames.size()) {
      throw new IllegalArgumentException("featureNames must be distinct, got " + featureNames);
    }
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
    labels = labels.clone();
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Number of points n. */
  public int size() {
    return labels.length;
  }

  /** The data as a Tablesaw table: one double column per feature, then an int column {@value #LABEL}. */
  public Table table() {
    if (featureNames.contains(LABEL)) {
      throw new IllegalStateException("a feature is already named '" + LABEL + "'; rename it before calling table()");
    }
    int n = size();
    int d = featureNames.size();
    DoubleBuffer b = Batches.buffer(x);
    List<Column<?>> columns = new ArrayList<>(d + 1);
    for (int j = 0; j < d; j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = b.get(i * d + j);
      }
      columns.add(DoubleColumn.create(featureNames.get(j), col));
    }
    columns.add(IntColumn.create(LABEL, labels.clone()));
    return Table.create(name, columns.toArray(new Column<?>[0]));
  }

  /** Every value mapped to 1.0 where it exceeds {@code threshold}, else 0.0 (e.g. binarized digits for RBMs). */
  public LabeledData binarized(double threshold) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold);
    }
    INDArray out = Batches.zeros(x.rows(), x.columns());
    DoubleBuffer src = Batches.buffer(x);
    DoubleBuffer dst = Batches.buffer(out);
    for (int i = 0, len = (int) x.length(); i < len; i++) {
      dst.put(i, src.get(i) > threshold ? 1.0 : 0.0);
    }
    return new LabeledData(out, labels, featureNames, name + " (binarized at " + threshold + ")");
  }

  /** Every value multiplied by {@code factor} > 0, e.g. 1/16 for digits or 1/255 for MNIST to land in [0, 1]. */
  public LabeledData scaled(double factor) {
    if (!(factor > 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
    }
    return new LabeledData(x.mul(factor), labels, featureNames, name + " (scaled by " + factor + ")");
  }

  /**
   * Each column shifted to mean 0 and divided by its standard deviation (population, 1/n); a constant column is
   * only shifted. Uses this data's own moments: for a train/test split, standardize before splitting or apply the
   * training moments yourself.
   */
  public LabeledData standardized() {
    int n = size();
    int d = featureNames.size();
    DoubleBuffer src = Batches.buffer(x);
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += src.get(i * d + j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = src.get(i * d + j) - mean[j];
        sq[j] += c * c;
      }
    }
    INDArray out = Batches.zeros(n, d);
    DoubleBuffer dst = Batches.buffer(out);
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(sq[j] / n);
      sq[j] = sd > 0 ? 1 / sd : 1;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        dst.put(i * d + j, (src.get(i * d + j) - mean[j]) * sq[j]);
      }
    }
    return new LabeledData(out, labels, featureNames, name + " (standardized)");
  }

  /**
   * A seeded random split: the rows are permuted (Fisher-Yates with {@code new Rng(seed)}), the first
   * {@code trainSize} go to train and the rest to test. Same seed, same split.
   */
  public TrainTest split(int trainSize, long seed) {
    int n = size();
    if (trainSize < 1 || trainSize >= n) {
      throw new IllegalArgumentException("trainSize must be in [1, " + (n - 1) + "] for " + n + " rows, got "
          + trainSize);
    }
    Rng rng = new Rng(seed);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return new TrainTest(rows(java.util.Arrays.copyOfRange(perm, 0, trainSize), name + " (train)"),
        rows(java.util.Arrays.copyOfRange(perm, trainSize, n), name + " (test)"));
  }

  /** The rows whose label satisfies {@code keep}, in their original order; at least one row must remain. */
  public LabeledData filter(IntPredicate keep) {
    if (keep == null) {
      throw new IllegalArgumentException("keep must not be null");
    }
    int[] idx = java.util.stream.IntStream.range(0, size()).filter(i -> keep.test(labels[i])).toArray();
    if (idx.length == 0) {
      throw new IllegalArgumentException("filter kept no rows of " + name + " (labels present: "
          + java.util.Arrays.toString(java.util.Arrays.stream(labels).distinct().sorted().toArray()) + ")");
    }
    return rows(idx, name + " (filtered)");
  }

  /** The rows idx, in that order. */
  LabeledData rows(int[] idx, String newName) {
    int d = featureNames.size();
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, idx.length, d);
    DoubleBuffer src = Batches.buffer(x);
    DoubleBuffer dst = Batches.buffer(out);
    int[] lab = new int[idx.length];
    for (int r = 0; r < idx.length; r++) {
      int i = idx[r];
      for (int j = 0; j < d; j++) {
        dst.put(r * d + j, src.get(i * d + j));
      }
      lab[r] = labels[i];
    }
    return new LabeledData(out, lab, featureNames, newName);
  }

  /** Equal when name, feature names, labels and values (ND4J's comparison) are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledData other && name.equals(other.name) && featureNames.equals(other.featureNames)
        && java.util.Arrays.equals(labels, other.labels) && x.equals(other.x);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, featureNames, java.util.Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "LabeledData[" + name + ", " + size() + " x " + featureNames.size() + "]";
  }
}
