package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The composition claims of Du and Mordatch (2019) and Du, Li and Mordatch (2020) on 2-D concepts, at the study's
 * defaults (parametric concepts trained by PCD, 2000 MALA chains per combination) and seed 0. The study runs once;
 * each test is one claim.
 */
@Tag("slow")
class CompositionStudyTest {
  private static Row row;
  private static Result result;

  @BeforeAll
  static void runStudy() {
    CompositionConfig c = CompositionConfig.defaults();
    assertEquals(java.util.List.of("parametric"), c.models());
    result = new CompositionStudy().run(Sweep.of(c));
    Table summary = result.summary();
    assertEquals(1, summary.rowCount());
    row = summary.row(0);
  }

  private static double v(String column) {
    return row.getDouble(column);
  }

  @Test
  void eachLearnedConceptPutsMostOfItsSamplesInTheConcept() {
    for (String concept : CompositionStudy.CONCEPTS) {
      assertTrue(v(concept + "Alone") >= 0.9, concept + " alone: " + v(concept + "Alone"));
    }
  }

  @Test
  void ringAndUpperPutsAtLeastNinetyPercentOfSamplesInTheUpperRing() {
    assertTrue(v("ringAndUpperAll") >= 0.9, "ring AND upper: " + v("ringAndUpperAll") + " in both (ring "
        + v("ringAndUpperRing") + ", upper " + v("ringAndUpperUpper") + ")");
  }

  @Test
  void ringAndNotLeftPutsAtLeastNinetyPercentOfSamplesInTheRightHalfOfTheRing() {
    assertTrue(v("ringAndNotLeftAll") >= 0.9, "ring AND NOT left: " + v("ringAndNotLeftAll") + " (ring "
        + v("ringAndNotLeftRing") + ", right " + v("ringAndNotLeftRight") + ")");
  }

  @Test
  void leftOrUpperCoversTheUnionAndBothConcepts() {
    assertTrue(v("leftOrUpperEither") >= 0.9, "left OR upper: " + v("leftOrUpperEither") + " in either");
    assertTrue(v("leftOrUpperLeft") >= 0.3 && v("leftOrUpperUpper") >= 0.3, "left OR upper: left "
        + v("leftOrUpperLeft") + ", upper " + v("leftOrUpperUpper") + " (both must be populated)");
  }

  @Test
  void malaFractionsAgreeWithTheGridMassOfEachCombination() {
    for (String key : new String[] {"ringAndUpperAll", "ringAndNotLeftAll", "leftOrUpperEither", "leftAndUpperAll"}) {
      String grid = key.replace("All", "").replace("Either", "") + "Grid";
      assertTrue(Math.abs(v(key) - v(grid)) < 0.05, key + " " + v(key) + " vs grid " + v(grid));
    }
  }

  @Test
  void everyFigureIsDrawn() {
    for (String name : new String[] {"compositions-parametric", "concepts-parametric", "contrast"}) {
      assertTrue(result.figure(name).image().getWidth() > 100, name);
    }
  }
}
