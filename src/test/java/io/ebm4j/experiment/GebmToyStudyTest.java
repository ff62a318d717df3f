package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The toy claims of Arbel, Zhou, Gretton's GEBM at the study's default settings, seeds 0, 1, 2: on the curve (latent
 * dimension 1 right, 3 too large) and on the sphere (2 right, 1 too small, 4 too large) the GEBM's latent-MCMC samples
 * are closer to held-out data than the base's in sliced W2, MMD^2 (bandwidth a quarter of the held-out points' median
 * distance) and energy distance, on average over the seeds, and in sliced W2 for every seed; on the sphere the ratios
 * average at most 0.9, 0.75 and 0.9 over its arms; latent MALA and exact (importance-resampled) GEBM samples give
 * average ratios within 0.15 of each other in every arm and distance; and with the right latent dimension the base and
 * the GEBM have the data's intrinsic dimension.
 */
class GebmToyStudyTest {
  private static final List<String> RATIOS = List.of("swRatio", "mmdRatio", "edRatio");
  private static final List<String> ARMS = List.of("curve-k1", "curve-k3", "sphere-k2", "sphere-k1", "sphere-k4");
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    Result r = new GebmToyStudy().run(Sweep.of(GebmToyConfig.defaults()).seeds(0, 1, 2));
    summary = r.summary();
    System.out.println(summary.print());
  }

  private static List<Row> rows(String arm) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.row(i).getString("arm").equals(arm)) {
        out.add(summary.row(i));
      }
    }
    return out;
  }

  private static double mean(String arm, String column) {
    return rows(arm).stream().mapToDouble(r -> r.getDouble(column)).average().orElseThrow();
  }

  private static boolean rightLatentDim(String arm) {
    return arm.equals("curve-k1") || arm.equals("sphere-k2");
  }

  @Test
  void armsCoverRightTooSmallAndTooLargeLatentDimensionsOnThreeSeeds() {
    for (String arm : ARMS) {
      assertEquals(3, rows(arm).size(), arm);
    }
    assertEquals(15, summary.rowCount());
  }

  @Test
  void gebmSamplesAreCloserToHeldOutDataThanBaseSamplesAtTheRightLatentDimension() {
    for (String arm : ARMS) {
      if (rightLatentDim(arm)) {
        for (String m : RATIOS) {
          assertTrue(mean(arm, m) < 1, arm + " mean " + m + " = " + mean(arm, m));
        }
      }
    }
  }

  @Test
  void gebmSamplesAreNoFurtherFromHeldOutDataThanBaseSamplesWithAMisspecifiedLatentDimension() {
    for (String arm : ARMS) {
      if (!rightLatentDim(arm)) {
        for (String m : RATIOS) {
          assertTrue(mean(arm, m) <= 1, arm + " mean " + m + " = " + mean(arm, m));
        }
      }
    }
  }

  @Test
  void latentMcmcAndExactSamplesGiveRatiosWithinFifteenHundredths() {
    for (String arm : ARMS) {
      for (String m : RATIOS) {
        double latent = mean(arm, m);
        double exact = mean(arm, m + "Exact");
        assertEquals(exact, latent, 0.15, arm + " mean " + m + ": latent " + latent + ", exact " + exact);
      }
    }
  }

  @Test
  void gebmSamplesAreCloserToHeldOutDataThanBaseSamplesInSlicedW2ForEverySeed() {
    for (String arm : ARMS) {
      for (Row r : rows(arm)) {
        double sw = r.getDouble("swRatio");
        assertTrue(sw < 1, arm + " seed " + r.getInt("seed") + " swRatio " + sw);
      }
    }
  }

  /** Over the sphere's arms (latent dimensions 2, 1 and 4) and seeds. */
  @Test
  void onTheSphereGebmRatiosAverageAtMostNineTenthsInSlicedW2AndEnergyDistanceAndThreeQuartersInMmd() {
    List<String> sphere = ARMS.stream().filter(a -> a.startsWith("sphere")).toList();
    double[] bounds = {0.9, 0.75, 0.9};
    for (int k = 0; k < RATIOS.size(); k++) {
      String m = RATIOS.get(k);
      double avg = sphere.stream().mapToDouble(a -> mean(a, m)).average().orElseThrow();
      assertTrue(avg <= bounds[k], "sphere mean " + m + " = " + avg);
    }
  }

  @Test
  void baseAndGebmSamplesHaveTheDataIntrinsicDimensionAtTheRightLatentDimension() {
    for (String arm : ARMS) {
      if (rightLatentDim(arm)) {
        for (Row r : rows(arm)) {
          double data = r.getDouble("idData");
          assertEquals(data, r.getDouble("idBase"), 0.3, arm + " base, seed " + r.getInt("seed"));
          assertEquals(data, r.getDouble("idGebm"), 0.3, arm + " GEBM, seed " + r.getInt("seed"));
        }
      }
    }
  }

  @Test
  void configRejectsUnknownSamplers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GebmToyConfig.defaults().with("sampler", "gibbs"));
    assertTrue(e.getMessage().contains("gibbs"), e.getMessage());
  }
}
