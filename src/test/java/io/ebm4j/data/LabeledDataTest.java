package io.ebm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class LabeledDataTest {
  /** Row i is (i, i^2 mod 7, -i) with label i mod 3, so every row can be traced after a permutation. */
  private static LabeledData indexed(int n) {
    double[][] x = new double[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {i, (i * i) % 7, -i};
      labels[i] = i % 3;
    }
    return new LabeledData(Nd4j.createFromArray(x), labels, List.of("i", "square", "minus"), "indexed");
  }

  @Test
  void tableHoldsOneDoubleColumnPerFeatureThenTheLabels() {
    LabeledData d = indexed(10);
    Table t = d.table();
    assertEquals(List.of("i", "square", "minus", "label"), t.columnNames());
    assertEquals(10, t.rowCount());
    assertEquals("indexed", t.name());
    for (int i = 0; i < 10; i++) {
      assertEquals(i, t.doubleColumn("i").getDouble(i), 0.0);
      assertEquals((i * i) % 7, t.doubleColumn("square").getDouble(i), 0.0);
      assertEquals(-i, t.doubleColumn("minus").getDouble(i), 0.0);
      assertEquals(i % 3, t.intColumn("label").getInt(i));
    }
  }

  @Test
  void binarizedIsOneExactlyWhereTheValueExceedsTheThreshold() {
    LabeledData d = indexed(20);
    double[] before = Batches.toArray(d.x());
    double[] after = Batches.toArray(d.binarized(2.5).x());
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i] > 2.5 ? 1.0 : 0.0, after[i], 0.0);
    }
    assertArrayEquals(before, Batches.toArray(d.x()), 0.0, "the original is unchanged");
  }

  @Test
  void scaledMultipliesEveryValueAndKeepsLabels() {
    LabeledData d = indexed(20);
    LabeledData s = d.scaled(0.25);
    double[] before = Batches.toArray(d.x());
    double[] after = Batches.toArray(s.x());
    for (int i = 0; i < before.length; i++) {
      assertEquals(0.25 * before[i], after[i], 0.0);
    }
    assertArrayEquals(d.labels(), s.labels());
    assertEquals("factor must be positive and finite, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> d.scaled(0)).getMessage());
  }

  @Test
  void standardizedColumnsHaveMeanZeroAndUnitPopulationVariance() {
    INDArray z = Datasets.wine().standardized().x();
    for (int j = 0; j < 13; j++) {
      INDArray c = z.getColumn(j);
      assertEquals(0.0, c.meanNumber().doubleValue(), 1e-12, "column " + j);
      assertEquals(1.0, c.var(false).getDouble(0), 1e-12, "column " + j);
    }
  }

  @Test
  void standardizedLeavesAConstantColumnCentredAtZero() {
    INDArray x = Nd4j.createFromArray(new double[][] {{3, 1}, {3, 2}, {3, 6}});
    double[] z = Batches.toArray(new LabeledData(x, new int[3], List.of("c", "v"), "c").standardized().x());
    assertEquals(0.0, z[0], 0.0);
    assertEquals(0.0, z[2], 0.0);
    assertEquals(0.0, z[4], 0.0);
  }

  @Test
  void splitIsASeededPermutationIntoTrainSizeAndTheRest() {
    LabeledData d = indexed(101);
    TrainTest a = d.split(70, 7);
    TrainTest b = d.split(70, 7);
    TrainTest c = d.split(70, 8);
    assertEquals(70, a.train().size());
    assertEquals(31, a.test().size());
    double[] ids = a.train().x().getColumn(0).toDoubleVector();
    double[] rest = a.test().x().getColumn(0).toDoubleVector();
    boolean[] seen = new boolean[101];
    for (double[] part : new double[][] {ids, rest}) {
      for (double v : part) {
        assertFalse(seen[(int) v], "row " + v + " appears twice");
        seen[(int) v] = true;
      }
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
    // each row travels whole with its label
    LabeledData train = a.train();
    double[] x = Batches.toArray(train.x());
    int[] labels = train.labels();
    for (int r = 0; r < 70; r++) {
      int i = (int) x[3 * r];
      assertEquals((i * i) % 7, x[3 * r + 1], 0.0);
      assertEquals(-i, x[3 * r + 2], 0.0);
      assertEquals(i % 3, labels[r]);
    }
    assertArrayEquals(Batches.toArray(a.train().x()), Batches.toArray(b.train().x()), 0.0);
    assertFalse(Arrays.equals(Batches.toArray(a.train().x()), Batches.toArray(c.train().x())));
    assertEquals("trainSize must be in [1, 100] for 101 rows, got 101",
        assertThrows(IllegalArgumentException.class, () -> d.split(101, 1)).getMessage());
    assertEquals("trainSize must be in [1, 100] for 101 rows, got 0",
        assertThrows(IllegalArgumentException.class, () -> d.split(0, 1)).getMessage());
  }

  @Test
  void filterKeepsTheRowsWhoseLabelPassesInTheirOrder() {
    LabeledData d = indexed(30);
    LabeledData f = d.filter(label -> label != 1);
    assertEquals(20, f.size());
    double[] ids = f.x().getColumn(0).toDoubleVector();
    int[] labels = f.labels();
    double previous = -1;
    for (int r = 0; r < ids.length; r++) {
      assertTrue(ids[r] > previous);
      previous = ids[r];
      assertEquals(((int) ids[r]) % 3, labels[r]);
      assertTrue(labels[r] != 1);
    }
    assertEquals("filter kept no rows of indexed (labels present: [0, 1, 2])",
        assertThrows(IllegalArgumentException.class, () -> d.filter(label -> label > 5)).getMessage());
  }

  @Test
  void labelsAreDefensivelyCopied() {
    int[] labels = {0, 1};
    LabeledData d = new LabeledData(Nd4j.createFromArray(new double[][] {{1}, {2}}), labels, List.of("a"), "d");
    labels[0] = 9;
    d.labels()[1] = 9;
    assertArrayEquals(new int[] {0, 1}, d.labels());
  }

  @Test
  void equalityComparesValuesAndLabelsNotArrayIdentity() {
    assertEquals(indexed(12), indexed(12));
    assertEquals(indexed(12).hashCode(), indexed(12).hashCode());
    assertFalse(indexed(12).equals(indexed(12).scaled(2)));
    assertFalse(indexed(12).equals(indexed(12).filter(label -> true).split(6, 1).train()));
  }

  @Test
  void inconsistentPartsAreRefusedWithTheirSizes() {
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
    assertEquals("labels must have one entry per row of x (2), got 3", assertThrows(IllegalArgumentException.class,
        () -> new LabeledData(x, new int[3], List.of("a", "b"), "d")).getMessage());
    assertEquals("featureNames must name each of the 2 columns of x, got 1 names",
        assertThrows(IllegalArgumentException.class, () -> new LabeledData(x, new int[2], List.of("a"), "d"))
            .getMessage());
    assertEquals("featureNames must be distinct, got [a, a]", assertThrows(IllegalArgumentException.class,
        () -> new LabeledData(x, new int[2], List.of("a", "a"), "d")).getMessage());
    INDArray bad = Nd4j.createFromArray(new double[][] {{1, Double.NaN}, {3, 4}});
    assertEquals("x must be finite, got NaN at [0, 1]", assertThrows(IllegalArgumentException.class,
        () -> new LabeledData(bad, new int[2], List.of("a", "b"), "d")).getMessage());
  }
}
