package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.data.TrainTest;
import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The digits claims of Arbel, Zhou, Gretton's GEBM at the study's default settings (2000 alternating steps), seed 0:
 * the feature classifier is accurate, and GEBM samples are closer to held-out digits than base samples in the Frechet
 * distance of its features.
 */
@Tag("slow")
class GebmDigitsStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    Result r = new GebmDigitsStudy().run(Sweep.of(GebmDigitsConfig.defaults()));
    summary = r.summary();
    System.out.println(summary.print());
  }

  private static double value(String column) {
    return summary.numberColumn(column).getDouble(0);
  }

  @Test
  void splitHoldsOutTheRestOfTheDigits() {
    TrainTest parts = GebmDigitsStudy.split(GebmDigitsConfig.defaults(), 0);
    assertEquals(1500, parts.train().size());
    assertEquals(297, parts.test().size());
  }

  @Test
  void featureClassifierRecognisesHeldOutDigits() {
    assertTrue(value("classifierAccuracy") > 0.9, "accuracy " + value("classifierAccuracy"));
  }

  @Test
  void gebmSamplesHaveALowerFrechetFeatureDistanceThanBaseSamples() {
    assertTrue(value("fdRatio") < 1, "FD(GEBM)/FD(base) = " + value("fdRatio") + " (base " + value("fdBase")
        + ", GEBM " + value("fdGebm") + ")");
  }
}
