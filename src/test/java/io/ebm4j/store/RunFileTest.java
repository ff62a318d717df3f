package io.ebm4j.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Runs saved and loaded: history, settings, model and walkers come back bit for bit. */
class RunFileTest {
  @TempDir
  Path dir;

  private static final TwoWells START = Energies.twoWells(-3, 3);

  private static Run<TwoWells> jarzynskiRun() {
    INDArray data = Energies.twoWells(-3, 3).withMassOfB(0.7).sample(300, 1);
    return Ebm.train(START).on(data).method(Methods.jarzynski(Kernels.mala(0.1)).walkers(200))
        .optimizer(new Sgd(0.05)).steps(15).logEvery(5).seed(4).track("massOfB", TwoWells::massOfB).run();
  }

  static void assertSameTable(Table a, Table b) {
    assertEquals(a.name(), b.name());
    assertEquals(a.columnNames(), b.columnNames());
    assertEquals(a.rowCount(), b.rowCount());
    for (int j = 0; j < a.columnCount(); j++) {
      Column<?> x = a.column(j);
      Column<?> y = b.column(j);
      assertEquals(x.type(), y.type(), x.name());
      for (int i = 0; i < a.rowCount(); i++) {
        if (x instanceof DoubleColumn dx) {
          assertEquals(Double.doubleToLongBits(dx.getDouble(i)), Double.doubleToLongBits(((DoubleColumn) y).getDouble(i)),
              x.name() + " row " + i);
        } else {
          assertEquals(x.isMissing(i), y.isMissing(i), x.name() + " row " + i);
          assertEquals(x.getString(i), y.getString(i), x.name() + " row " + i);
        }
      }
    }
  }

  private static void assertSameBuffer(java.nio.DoubleBuffer a, java.nio.DoubleBuffer b, int n, String what) {
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(a.get(i)), Double.doubleToRawLongBits(b.get(i)), what + " [" + i + "]");
    }
  }

  @Test
  void aRunWithWalkersRoundTripsBitForBit() {
    Run<TwoWells> run = jarzynskiRun();
    Path p = RunFile.save(run, dir.resolve("run.ebm4j"));
    Run<TwoWells> back = RunFile.load(p, START);
    assertSameTable(run.history(), back.history());
    assertArrayEquals(Batches.toArray(run.model().params()), Batches.toArray(back.model().params()), 0.0);
    assertEquals(run.model().massOfB(), back.model().massOfB(), 0.0);
    assertEquals(run.seconds(), back.seconds(), 0.0);
    assertEquals(List.copyOf(run.provenance().entrySet()), List.copyOf(back.provenance().entrySet()));
    Chains w = run.walkers();
    Chains v = back.walkers();
    assertNotNull(v);
    assertEquals(w.size(), v.size());
    assertEquals(w.dim(), v.dim());
    assertEquals(w.hasGradients(), v.hasGradients());
    int nd = w.size() * w.dim();
    assertSameBuffer(w.positionBuffer(), v.positionBuffer(), nd, "positions");
    assertSameBuffer(w.energyBuffer(), v.energyBuffer(), w.size(), "energies");
    assertSameBuffer(w.logWeightBuffer(), v.logWeightBuffer(), w.size(), "logWeights");
    if (w.hasGradients()) {
      assertSameBuffer(w.gradientBuffer(), v.gradientBuffer(), nd, "gradients");
    }
    // the weights are not all equal, so the log-weights really were carried
    assertTrue(w.essFraction() < 1.0, "essFraction " + w.essFraction());
    assertEquals(w.essFraction(), v.essFraction(), 0.0);
  }

  @Test
  void aRunWithoutWalkersRoundTripsAndItsModelLoadsAlone() {
    INDArray data = Energies.twoWells(-3, 3).withMassOfB(0.7).sample(300, 1);
    Run<TwoWells> run = Ebm.train(START).on(data).method(Methods.exact()).steps(10).seed(1).run();
    Path p = RunFile.save(run, dir.resolve("exact.ebm4j"));
    Run<TwoWells> back = RunFile.load(p, START);
    assertNull(back.walkers());
    assertSameTable(run.history(), back.history());
    TwoWells model = ModelFile.load(p, START);
    assertArrayEquals(Batches.toArray(run.model().params()), Batches.toArray(model.params()), 0.0);
  }

  @Test
  void awkwardTableValuesAndSettingsRoundTrip() {
    Table h = Table.create("odd, \"named\"",
        IntColumn.create("step", new int[] {0, 1, 2}),
        DoubleColumn.create("x", new double[] {-0.0, Double.NaN, Double.POSITIVE_INFINITY}),
        DoubleColumn.create("y", new double[] {Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2}),
        LongColumn.create("n", new long[] {Long.MAX_VALUE, 0, -7}),
        StringColumn.create("note", new String[] {"a,b", "say \"hi\"\nline two", ""}));
    ((IntColumn) h.column("step")).setMissing(1);
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("z key = with: symbols#!", "value with\nnewline, \\ backslash and unicode \u03bc");
    prov.put(" leading", " spaces ");
    prov.put("energy", "TwoWells{a=[-3.0], b=[3.0]}");
    Run<TwoWells> run = new Run<>(h, START.copy(), null, 0.125, prov);
    Run<TwoWells> back = RunFile.load(RunFile.save(run, dir.resolve("odd.ebm4j")), START);
    assertSameTable(h, back.history());
    assertEquals(List.copyOf(prov.entrySet()), List.copyOf(back.provenance().entrySet()));
  }

  @Test
  void anUnsupportedHistoryColumnFailsNamingItAndWritesNothing() throws IOException {
    Path p = RunFile.save(jarzynskiRun(), dir.resolve("run.ebm4j"));
    byte[] before = Files.readAllBytes(p);
    Table h = Table.create("h", IntColumn.create("step", new int[] {0}), BooleanColumn.create("ok", new boolean[] {true}));
    var e = assertThrows(IllegalArgumentException.class,
        () -> RunFile.save(new Run<>(h, START.copy(), null, 1, Map.of()), p));
    assertEquals("history column 'ok' has type BOOLEAN; runs store INTEGER, LONG, DOUBLE and STRING columns",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(p));
  }

  @Test
  void damagedHistoryOrWalkersAreNamed() throws IOException {
    Path good = RunFile.save(jarzynskiRun(), dir.resolve("run.ebm4j"));
    Path h = Zips.rewrite(good, dir.resolve("h.ebm4j"), (name, b) -> name.equals("history.csv")
        ? java.util.Arrays.copyOf(b, b.length - 3) : b);
    var e = assertThrows(StoreException.class, () -> RunFile.load(h, START));
    assertTrue(e.getMessage().startsWith(h + ": entry history.csv is damaged: its SHA-256 is "), e.getMessage());
    Path w = Zips.rewrite(good, dir.resolve("w.ebm4j"), (name, b) -> name.equals("walkers/logWeights.f64") ? null : b);
    var m = assertThrows(StoreException.class, () -> RunFile.load(w, START));
    assertEquals(w + ": entry walkers/logWeights.f64 is missing", m.getMessage());
  }
}
