package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The claims of Carbone et al.'s two-well toy at the paper's full settings (a=-10, b=10, q*=0.8, n=N=10^4, h=0.1, lr=0.05, K=3000, full
 * batch, walkers from rho_{z0}) for seeds 0..4 and q0 in {0.5, 0.2}. The study runs once; each test is one claim.
 */
@Tag("slow")
class TwoWellsStudyTest {
  private static Result result;
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    TwoWellsConfig c = TwoWellsConfig.defaults();
    assertEquals(10_000, c.dataSize());
    assertEquals(10_000, c.walkers());
    assertEquals(3000, c.steps());
    result = new TwoWellsStudy().run(Sweep.of(c).set("seeds", "0..4"));
    summary = result.summary();
  }

  private static List<Row> rows(String method) {
    List<Row> out = new java.util.ArrayList<>();
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.stringColumn("arm").get(i).equals(method)) {
        out.add(summary.row(i)); // Table.row(i) is a fresh row; iterating a Table reuses one cursor
      }
    }
    assertTrue(!out.isEmpty(), "no rows for " + method);
    return out;
  }

  private static String id(Row r) {
    return r.getString("arm") + " q0=" + r.getDouble("q0") + " seed=" + r.getInt("seed");
  }

  @Test
  void everyMethodRanForEverySeedAndInitialMass() {
    assertEquals(5 * (5 * 2 + 1), summary.rowCount());
  }

  @Test
  void scoreMatchingLearnsNothing() {
    for (Row r : rows("score-matching")) {
      assertTrue(Math.abs(r.getDouble("massOfB") - r.getDouble("q0")) < 0.02, id(r) + " q=" + r.getDouble("massOfB"));
    }
  }

  @Test
  void exactMaximumLikelihoodConvergesToTheDataMass() {
    for (Row r : rows("exact")) {
      assertTrue(Math.abs(r.getDouble("massOfB") - r.getDouble("qData")) < 1e-3, id(r) + " q=" + r.getDouble("massOfB")
          + " qData=" + r.getDouble("qData"));
    }
  }

  @Test
  void cd4LearnsNothing() {
    for (Row r : rows("cd")) {
      assertTrue(Math.abs(r.getDouble("massOfB") - r.getDouble("q0")) < 0.02, id(r) + " q=" + r.getDouble("massOfB"));
    }
  }

  @Test
  void pcdWalkersNeverCrossAndOneModeCollapses() {
    for (Row r : rows("pcd")) {
      assertEquals(0.0, r.getDouble("crossings"), id(r));
      assertTrue(r.getDouble("massOfB") > 0.99, id(r) + " q=" + r.getDouble("massOfB"));
    }
  }

  @Test
  void jarzynskiRecoversTheMassFromEveryStart() {
    for (Row r : rows("jarzynski")) {
      assertTrue(Math.abs(r.getDouble("massOfB") - 0.8) < 0.03, id(r) + " q=" + r.getDouble("massOfB"));
    }
  }

  @Test
  void jarzynskiLogZIsRightAtEveryLoggedStep() {
    for (Row r : rows("jarzynski")) {
      assertTrue(r.getDouble("maxAbsLogZError") < 0.05, id(r) + " max |log Z error| " + r.getDouble("maxAbsLogZError"));
    }
    // and the history really has one row per step
    Table h = result.table("jarzynski-q0-0.2-seed0");
    assertEquals(3001, h.rowCount());
  }

  @Test
  void jarzynskiResamplesFromTheFarStartOnlyAndKeepsEssAboveAQuarter() {
    for (Row r : rows("jarzynski")) {
      if (r.getDouble("q0") == 0.2) {
        assertTrue(r.getDouble("resamplings") >= 1, id(r));
      } else {
        assertEquals(0.0, r.getDouble("resamplings"), id(r));
      }
      assertTrue(r.getDouble("minEssFraction") > 0.25, id(r) + " min ESS/N " + r.getDouble("minEssFraction"));
    }
  }

  @Test
  void negativeControlWithWalkers5050EndsNearAHalfNotTheTarget() {
    for (Row r : rows("control")) {
      assertEquals(0.2, r.getDouble("q0"));
      assertTrue(Math.abs(r.getDouble("massOfB") - 0.5) < 0.05, id(r) + " q=" + r.getDouble("massOfB"));
    }
  }

  @Test
  void resultCarriesTheFiguresAndAReport() {
    assertTrue(result.figures().keySet().containsAll(List.of("mass-of-b-q0-0.5", "mass-of-b-q0-0.2",
        "walkers-q0-0.2", "jarzynski-ess", "jarzynski-logz-error")), result.figures().keySet().toString());
    assertTrue(result.report().contains("| jarzynski |"), result.report());
    assertEquals(11, result.aggregate().rowCount());
    assertEquals(5, result.aggregate().intColumn("seeds").get(0));
  }

  @Test
  void badConfigurationIsRejectedNamingTheSetting() {
    TwoWellsConfig d = TwoWellsConfig.defaults();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TwoWellsConfig(d.a(), d.b(),
        d.massOfB(), d.dataSize(), d.walkers(), -0.1, d.learningRate(), d.steps(), d.initialMasses(),
        d.methods(), d.cdSteps(), d.resampleBelowEss(), d.resampling(), d.controlInitialMass(), d.logEvery()));
    assertTrue(e.getMessage().contains("stepSize") && e.getMessage().contains("-0.1"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> d.with("methods", "magic"));
    assertTrue(m.getMessage().contains("magic"), m.getMessage());
  }
}
