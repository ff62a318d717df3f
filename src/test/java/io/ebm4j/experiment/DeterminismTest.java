package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ebm4j.study.Config;
import io.ebm4j.study.LocalEngine;
import io.ebm4j.study.Result;
import io.ebm4j.study.Runner;
import io.ebm4j.study.Studies;
import io.ebm4j.study.Study;
import io.ebm4j.study.Sweep;
import io.ebm4j.testing.Tables;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered study, at its quick settings: the same seed and thread count give identical summaries and
 * histories (bit for bit, wall time aside); so do one and two threads, since cells are independent and each cell's
 * numbers depend only on its settings, arm and seed.
 */
class DeterminismTest {
  @TestFactory
  Stream<DynamicTest> everyStudyRepeatsItselfExactly() {
    return Studies.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(Studies.get(name))));
  }

  private static <C extends Record & Config<C>> void check(Study<C, ?> study) {
    assertFalse(study.quickSettings().isEmpty(), study.name() + " declares quick settings");
    C quick = study.defaults().with(study.quickSettings());
    Sweep<C> sweep = Sweep.of(quick).seeds(0, 1);
    Result a = Runner.of(study).engine(LocalEngine.threads(1)).run(sweep);
    Result b = Runner.of(study).engine(LocalEngine.threads(1)).run(sweep);
    Result c = Runner.of(study).engine(LocalEngine.threads(2)).run(sweep);
    Tables.assertSameNumbers(a.summary(), b.summary());
    Tables.assertSameNumbers(a.summary(), c.summary());
    assertEquals(a.tableNames(), b.tableNames());
    for (String k : a.tableNames()) {
      Tables.assertSameNumbers(strip(a, k), strip(b, k));
      Tables.assertSameNumbers(strip(a, k), strip(c, k));
    }
  }

  private static tech.tablesaw.api.Table strip(Result r, String k) {
    var t = r.table(k).copy();
    return t.columnNames().contains("seconds") ? t.removeColumns("seconds") : t;
  }
}
