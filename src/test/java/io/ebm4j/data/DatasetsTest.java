package io.ebm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DatasetsTest {
  @TempDir
  Path tmp;

  private static int[] counts(int[] labels, int classes) {
    int[] c = new int[classes];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }

  @Test
  void digitsAre1797ImagesOf8x8IntegerPixelsFrom0To16WithScikitLearnsClassCounts() {
    LabeledData d = Datasets.digits();
    assertArrayEquals(new long[] {1797, 64}, d.x().shape());
    assertEquals("pixel_0_0", d.featureNames().get(0));
    assertEquals("pixel_7_7", d.featureNames().get(63));
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts(d.labels(), 10));
    double sum = 0;
    double max = 0;
    for (double v : Batches.toArray(d.x())) {
      assertEquals(Math.rint(v), v, 0.0);
      assertTrue(v >= 0 && v <= 16);
      sum += v;
      max = Math.max(max, v);
    }
    assertEquals(16.0, max, 0.0);
    assertEquals(561_718.0, sum, 0.0); // checksum of the shipped file
    assertEquals(0, d.labels()[0]);
    assertEquals(5.0, d.x().getDouble(0, 2), 0.0);
  }

  @Test
  void irisIsFishers150FlowersWithTheirPublishedColumnMeans() {
    LabeledData d = Datasets.iris();
    assertArrayEquals(new long[] {150, 4}, d.x().shape());
    assertArrayEquals(new int[] {50, 50, 50}, counts(d.labels(), 3));
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, d.x().getRow(0).toDoubleVector(), 0.0);
    double[] means = {5.843333, 3.057333, 3.758, 1.199333};
    for (int j = 0; j < 4; j++) {
      assertEquals(means[j], d.x().getColumn(j).meanNumber().doubleValue(), 1e-6, d.featureNames().get(j));
    }
  }

  @Test
  void wineIs178SamplesOf13MeasurementsInClassesOf59And71And48() {
    LabeledData d = Datasets.wine();
    assertArrayEquals(new long[] {178, 13}, d.x().shape());
    assertArrayEquals(new int[] {59, 71, 48}, counts(d.labels(), 3));
    assertEquals("proline", d.featureNames().get(12));
    assertEquals(1065.0, d.x().getDouble(0, 12), 0.0);
    assertEquals(746.893258, d.x().getColumn(12).meanNumber().doubleValue(), 1e-6);
  }

  @Test
  void theCopiesInDatasetsAndInTheJarAreTheSameBytes() throws IOException {
    for (String f : new String[] {"digits.csv.gz", "iris.csv", "wine_data.csv"}) {
      byte[] folder = Files.readAllBytes(Path.of("datasets", f));
      try (InputStream in = DatasetFiles.class.getResourceAsStream("/io/ebm4j/data/" + f)) {
        assertArrayEquals(folder, in.readAllBytes(), f);
      }
    }
  }

  @Test
  void theFolderNamedByTheSystemPropertyWins() throws IOException {
    String iris = Files.readString(Path.of("datasets", "iris.csv")).replaceFirst("\n5\\.1,", "\n6.25,");
    Files.writeString(tmp.resolve("iris.csv"), iris);
    assertEquals(6.25, withProperty(tmp, Datasets::iris).x().getDouble(0, 0), 0.0);
  }

  @Test
  void aMissingOrCorruptFileIsReportedWithItsNameLineAndWhatWasExpected() throws IOException {
    String good = Files.readString(Path.of("datasets", "iris.csv"));
    String file = tmp.resolve("iris.csv").toString();

    DatasetException missing = assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris));
    assertEquals("system property ebm4j.datasets=" + tmp + " names a folder without iris.csv (expected " + file + ")",
        missing.getMessage());

    Files.writeString(tmp.resolve("iris.csv"), good.replaceFirst("\n4\\.9,3\\.0,", "\n4.9,"));
    assertEquals(file + ", line 3: expected 5 comma-separated values (4 features and a label), got 4",
        assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris)).getMessage());

    Files.writeString(tmp.resolve("iris.csv"), good.replaceFirst("\n4\\.9,", "\nfour,"));
    assertEquals(file + ", line 3: expected a finite number in column 1, got \"four\"",
        assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris)).getMessage());

    Files.writeString(tmp.resolve("iris.csv"), good.replaceFirst(",0\n", ",7\n"));
    assertEquals(file + ", line 2: expected an integer label in [0, 2] in column 5, got \"7\"",
        assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris)).getMessage());

    Files.writeString(tmp.resolve("iris.csv"), good.substring(0, good.indexOf("\n4.9")) + "\n");
    assertEquals(file + ": expected 150 data rows, found 1",
        assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris)).getMessage());

    Files.writeString(tmp.resolve("iris.csv"), good.replaceFirst("150,4,", "150,5,"));
    assertEquals(file + ", line 1: expected the header \"150,4,<class names>\", got \"150,5,setosa,versicolor,virginica\"",
        assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::iris)).getMessage());

    Files.write(tmp.resolve("digits.csv.gz"), "not gzip".getBytes(StandardCharsets.UTF_8));
    String digits = assertThrows(DatasetException.class, () -> withProperty(tmp, Datasets::digits)).getMessage();
    assertTrue(digits.startsWith("cannot read " + tmp.resolve("digits.csv.gz")
        + " (expected 1797 rows of 64 features and a label): "), digits);
  }

  @Test
  void fromTableStacksTheNamedNumericColumnsInOrder() {
    Table t = Table.create("t", DoubleColumn.create("a", 1.5, 2.5, 3.5), IntColumn.create("b", 4, 5, 6),
        StringColumn.create("s", "x", "y", "z"));
    INDArray x = Datasets.fromTable(t, "b", "a");
    assertArrayEquals(new long[] {3, 2}, x.shape());
    assertArrayEquals(new double[] {4, 1.5, 5, 2.5, 6, 3.5}, Batches.toArray(x), 0.0);
    assertEquals("column 's' of table t must be numeric, got STRING",
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromTable(t, "a", "s")).getMessage());
    assertEquals("column 's' of table t must be numeric, got STRING",
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromTable(t)).getMessage());
    assertEquals("column 'c' is not in table t; its columns are [a, b, s]",
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromTable(t, "c")).getMessage());
    Table holes = Table.create("h", DoubleColumn.create("a", 1.0, Double.NaN));
    assertEquals("column 'a' of table h must be finite and present, got a missing value at row 1",
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromTable(holes)).getMessage());
  }

  @Test
  void fromTableOfALabeledDataTableGivesBackItsPoints() {
    LabeledData iris = Datasets.iris();
    INDArray x = Datasets.fromTable(iris.table(), iris.featureNames().toArray(new String[0]));
    assertArrayEquals(Batches.toArray(iris.x()), Batches.toArray(x), 0.0);
  }

  @Test
  void fromCsvReadsTheNamedColumnsOfAFileWithAHeader() throws IOException {
    Path csv = tmp.resolve("points.csv");
    Files.writeString(csv, "name,x,y\np,0.5,-1\nq,2,3.25\n");
    assertArrayEquals(new double[] {0.5, -1, 2, 3.25}, Batches.toArray(Datasets.fromCsv(csv, "x", "y")), 0.0);
    assertEquals("column 'name' of table points.csv must be numeric, got STRING",
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(csv, "name")).getMessage());
    Path none = tmp.resolve("none.csv");
    assertEquals("CSV file " + none + " not found (expected a CSV file with a header line)",
        assertThrows(DatasetException.class, () -> Datasets.fromCsv(none, "x")).getMessage());
  }

  private static <T> T withProperty(Path dir, Supplier<T> body) {
    String before = System.getProperty(DatasetFiles.PROPERTY);
    System.setProperty(DatasetFiles.PROPERTY, dir.toString());
    try {
      return body.get();
    } finally {
      if (before == null) {
        System.clearProperty(DatasetFiles.PROPERTY);
      } else {
        System.setProperty(DatasetFiles.PROPERTY, before);
      }
    }
  }
}
