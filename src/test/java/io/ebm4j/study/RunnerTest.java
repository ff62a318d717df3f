package io.ebm4j.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.experiment.TwoWellsStudy;
import static io.ebm4j.testing.Tables.assertSameNumbers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The shared runner: grid x arms x seeds, one row per cell, aggregates over seeds, and the same numbers whatever
 * the engine and the number of threads.
 */
class RunnerTest {
  private static final TwoWellsStudy STUDY = new TwoWellsStudy();
  private static Sweep<TwoWellsConfig> sweep;
  private static Result oneThread;

  @BeforeAll
  static void smallSweep() {
    TwoWellsConfig c = TwoWellsConfig.defaults().with("steps", 40).with("walkers", 400).with("dataSize", 400)
        .with("methods", "exact,pcd,jarzynski");
    sweep = Sweep.of(c).set("seeds", "0..2").set("stepSize", "0.05,0.1");
    oneThread = Runner.of(STUDY).engine(LocalEngine.threads(1)).run(sweep);
  }

  @Test
  void oneRowPerSettingArmAndSeedInGridOrder() {
    Table s = oneThread.summary();
    assertEquals(2 * 3 * (3 * 2), s.rowCount());
    assertEquals(List.of("stepSize", "arm", "q0", "seed"), s.columnNames().subList(0, 4));
    assertEquals(0.05, s.doubleColumn("stepSize").get(0));
    assertEquals("exact", s.stringColumn("arm").get(0));
    assertEquals(0, s.intColumn("seed").get(0));
    assertEquals(0.1, s.doubleColumn("stepSize").get(s.rowCount() - 1));
    assertEquals("jarzynski", s.stringColumn("arm").get(s.rowCount() - 1));
    assertEquals(2, s.intColumn("seed").get(s.rowCount() - 1));
    assertTrue(oneThread.tableNames().contains("stepSize-0.1-jarzynski-q0-0.2-seed2"), oneThread.tableNames()
        .toString());
    assertTrue(oneThread.figureNames().contains("mass-of-b-q0-0.5-stepSize-0.05"), oneThread.figureNames()
        .toString());
  }

  @Test
  void theAggregateIsTheMeanSdAndRangeOverSeeds() {
    Table s = oneThread.summary();
    Table a = oneThread.aggregate();
    assertEquals(2 * 3 * 2, a.rowCount());
    assertEquals(3, a.intColumn("seeds").get(0));
    List<Double> first = new ArrayList<>();
    for (int i = 0; i < s.rowCount(); i++) {
      if (s.doubleColumn("stepSize").get(i) == 0.05 && s.stringColumn("arm").get(i).equals("jarzynski")
          && s.doubleColumn("q0").get(i) == 0.2) {
        first.add(s.doubleColumn("massOfB").get(i));
      }
    }
    assertEquals(3, first.size());
    double mean = first.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double sd = Math.sqrt(first.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / 2);
    int row = -1;
    for (int i = 0; i < a.rowCount(); i++) {
      if (a.doubleColumn("stepSize").get(i) == 0.05 && a.stringColumn("arm").get(i).equals("jarzynski")
          && a.doubleColumn("q0").get(i) == 0.2) {
        row = i;
      }
    }
    assertEquals(mean, a.doubleColumn("massOfB_mean").get(row), 1e-15);
    assertEquals(sd, a.doubleColumn("massOfB_sd").get(row), 1e-15);
    assertEquals(first.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        a.doubleColumn("massOfB_min").get(row));
    assertTrue(oneThread.report().contains(" ± "), oneThread.report());
  }

  @Test
  void twoThreadsGiveTheSameNumbersBitForBit() {
    Result two = Runner.of(STUDY).engine(LocalEngine.threads(2)).run(sweep);
    assertSameNumbers(oneThread.summary(), two.summary());
    for (String k : oneThread.tableNames()) {
      assertSameNumbers(oneThread.table(k).copy().removeColumns("seconds"), two.table(k).copy().removeColumns("seconds"));
    }
  }

  @Test
  void checkpointsByRunTimeLeaveTheNumbersUnchanged(@TempDir java.nio.file.Path dir) throws IOException {
    Result r = Runner.of(STUDY).engine(LocalEngine.threads(1)).resumableEverySeconds(dir, 1e-4).run(sweep);
    assertSameNumbers(oneThread.summary(), r.summary());
    for (String k : oneThread.tableNames()) {
      assertSameNumbers(oneThread.table(k).copy().removeColumns("seconds"), r.table(k).copy().removeColumns("seconds"));
    }
    // a cell's checkpoint directory is made by its first save (and its file removed once the cell is done)
    try (var cells = java.nio.file.Files.list(dir.resolve("checkpoints"))) {
      assertTrue(cells.anyMatch(java.nio.file.Files::isDirectory), "checkpoints every 0.1 ms of run time were saved");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Runner.of(STUDY).resumableEverySeconds(dir, 0));
    assertTrue(e.getMessage().contains("checkpoint seconds") && e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void aCellsNumbersDoNotDependOnTheSweepItBelongsTo() {
    TwoWellsConfig alone = sweep.settings().get(1);
    Result r = Runner.of(STUDY).engine(LocalEngine.threads(1)).run(Sweep.of(alone).set("seeds", "2"));
    Table h = r.table("jarzynski-q0-0.5-seed2");
    Table same = oneThread.table("stepSize-0.1-jarzynski-q0-0.5-seed2");
    assertSameNumbers(h.copy().removeColumns("seconds"), same.copy().removeColumns("seconds"));
  }

  /** An engine that ships tasks, the function and outcomes through Java serialization, as Spark does. */
  static final class SerializingEngine implements Engine {
    @Override
    public String name() {
      return "serializing";
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, SerializableFunction<T, R> f) {
      SerializableFunction<T, R> g = roundTrip(f);
      List<R> out = new ArrayList<>();
      for (T t : tasks) {
        out.add(roundTrip(g.apply(roundTrip(t))));
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    static <X> X roundTrip(X x) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
          o.writeObject(x);
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
          return (X) i.readObject();
        }
      } catch (IOException | ClassNotFoundException e) {
        throw new AssertionError("not serializable: " + x, e);
      }
    }
  }

  @Test
  void aRemoteEngineFindsTheStudyByNameAndRebuildsRunsForFigures() {
    Result remote = Runner.of(STUDY).engine(new SerializingEngine()).run(sweep);
    assertSameNumbers(oneThread.summary(), remote.summary());
    assertEquals(oneThread.figureNames(), remote.figureNames());
    assertEquals(oneThread.tableNames(), remote.tableNames());
    // the rebuilt model and walkers are the trained ones
    Table h1 = oneThread.table("stepSize-0.05-pcd-q0-0.5-seed1");
    Table h2 = remote.table("stepSize-0.05-pcd-q0-0.5-seed1");
    assertArrayEquals(h1.doubleColumn("massOfB").asDoubleArray(), h2.doubleColumn("massOfB").asDoubleArray());
  }

  @Test
  void aFailingCellIsNamed() {
    TwoWellsConfig c = TwoWellsConfig.defaults().with("steps", 300).with("walkers", 200).with("dataSize", 200)
        .with("methods", "jarzynski").with("stepSize", 1000.0);
    StudyCellException e = assertThrows(StudyCellException.class,
        () -> Runner.of(STUDY).engine(LocalEngine.threads(1)).run(Sweep.of(c)));
    assertTrue(e.getMessage().contains("two-wells") && e.getMessage().contains("jarzynski q0=0.5 seed=0"),
        e.getMessage());
  }
}
