package io.ebm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Training data from Tablesaw tables and CSV files: the same numbers as the array, or an error naming the column. */
class TrainingDataTest {
  private final INDArray data = Energies.gaussian(new double[] {2, -1}, new double[] {1.5, 0.5}).sample(200, 7);

  /** The data as a table whose columns are in the reverse order, plus an integer and a text column. */
  private Table table() {
    double[] x = Batches.toArray(data.getColumn(0).dup());
    double[] y = Batches.toArray(data.getColumn(1).dup());
    String[] label = new String[x.length];
    java.util.Arrays.fill(label, "a");
    int[] id = new int[x.length];
    for (int i = 0; i < id.length; i++) {
      id[i] = i;
    }
    return Table.create("points", DoubleColumn.create("y", y), IntColumn.create("id", id),
        DoubleColumn.create("x", x), StringColumn.create("label", label));
  }

  private Run<Gaussian> train(Training<Gaussian> t) {
    return t.method(Methods.exact()).optimizer(new Sgd(0.1)).steps(20).seed(3).run();
  }

  private static void assertSameHistory(Run<? extends TrainableEnergy> a, Run<? extends TrainableEnergy> b) {
    assertEquals(a.history().columnNames(), b.history().columnNames());
    for (String c : a.history().columnNames()) {
      if (c.equals("seconds")) {
        continue;
      }
      for (int i = 0; i < a.history().rowCount(); i++) {
        assertEquals(a.history().getString(i, c), b.history().getString(i, c), c + " at row " + i);
      }
    }
    assertArrayEquals(Batches.toArray(a.model().params()), Batches.toArray(b.model().params()));
  }

  @Test
  void aTableTrainsExactlyLikeTheArrayOfItsColumnsInTheOrderNamed() {
    Run<Gaussian> fromArray = train(Ebm.train(Energies.standardNormal(2)).on(data));
    Run<Gaussian> fromTable = train(Ebm.train(Energies.standardNormal(2)).on(table(), "x", "y"));
    assertSameHistory(fromArray, fromTable);
  }

  @Test
  void integerColumnsAreNumericData() {
    Table t = Table.create("ints", IntColumn.create("k", 1, 2, 3, 4));
    Run<Gaussian> run = train(Ebm.train(Energies.standardNormal(1)).on(t, "k"));
    Run<Gaussian> ref = train(Ebm.train(Energies.standardNormal(1)).on(Batches.vector(1, 2, 3, 4).reshape(4, 1)));
    assertSameHistory(ref, run);
  }

  @Test
  void aCsvFileTrainsExactlyLikeTheTableItHolds(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    StringBuilder sb = new StringBuilder("label,x,y\n");
    for (int i = 0; i < data.rows(); i++) {
      // Double.toString round-trips exactly
      sb.append("p").append(i).append(',').append(data.getDouble(i, 0)).append(',').append(data.getDouble(i, 1))
          .append('\n');
    }
    Files.writeString(csv, sb.toString());
    Run<Gaussian> fromCsv = train(Ebm.train(Energies.standardNormal(2)).onCsv(csv, "x", "y"));
    Run<Gaussian> fromArray = train(Ebm.train(Energies.standardNormal(2)).on(data));
    assertSameHistory(fromArray, fromCsv);
  }

  @Test
  void aMissingColumnIsNamedWithTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.standardNormal(2)).on(table(), "x", "z"));
    assertEquals("column 'z' not found in table 'points'; columns: y, id, x, label", e.getMessage());
  }

  @Test
  void aTextColumnIsRejectedAsNotNumeric() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.standardNormal(2)).on(table(), "x", "label"));
    assertEquals("column 'label' of table 'points' must be numeric, got STRING", e.getMessage());
  }

  @Test
  void aMissingValueIsNamedWithItsRow() {
    Table t = Table.create("gaps", DoubleColumn.create("x", 1.0, Double.NaN, 3.0));
    var e = assertThrows(IllegalArgumentException.class, () -> Ebm.train(Energies.standardNormal(1)).on(t, "x"));
    assertEquals("column 'x' of table 'gaps' has a missing value at row 1", e.getMessage());
  }

  @Test
  void theNumberOfColumnsMustBeTheEnergysDimension() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.standardNormal(2)).on(table(), "x"));
    assertTrue(e.getMessage().startsWith("data must have shape [N, 2], got [200, 1]"), e.getMessage());
  }

  @Test
  void noColumnsAndAnAbsentFileAreRejected(@TempDir Path dir) {
    var none = assertThrows(IllegalArgumentException.class, () -> Ebm.train(Energies.standardNormal(2)).on(table()));
    assertTrue(none.getMessage().startsWith("columns must name at least one column of table 'points'"),
        none.getMessage());
    Path absent = dir.resolve("absent.csv");
    var file = assertThrows(IllegalArgumentException.class,
        () -> Ebm.train(Energies.standardNormal(2)).onCsv(absent, "x", "y"));
    assertEquals("csv must be a readable file, got " + absent, file.getMessage());
  }
}
