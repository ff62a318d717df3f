package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The claims of the Ising denoising study at its defaults (the 64 x 64 scene, J = 1, h from p, 1000 annealing sweeps
 * from T = 4 to 0.05 with 4 chains) for flip probabilities 0.1 and 0.2, seeds 0 to 2. The study runs once.
 */
@Tag("slow")
class IsingDenoiseStudyTest {
  private static Table summary;
  private static Result result;

  @BeforeAll
  static void runStudy() {
    IsingDenoiseConfig c = IsingDenoiseConfig.defaults();
    assertEquals(64, c.size());
    assertEquals(1000, c.sweeps());
    result = new IsingDenoiseStudy().run(Sweep.of(c).over("flipProbability", 0.1, 0.2).seeds(0, 1, 2));
    summary = result.summary();
  }

  private static double value(double p, String arm, int seed, String column) {
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.doubleColumn("flipProbability").get(i) == p && summary.stringColumn("arm").get(i).equals(arm)
          && summary.intColumn("seed").get(i) == seed) {
        return summary.doubleColumn(column).get(i);
      }
    }
    throw new AssertionError("no row for p=" + p + " " + arm + " seed " + seed);
  }

  @Test
  void everyMethodLowersThePixelErrorAtFlipProbabilityOneTenth() {
    for (int seed = 0; seed < 3; seed++) {
      double noisy = value(0.1, "icm", seed, "noisyError");
      for (String arm : IsingDenoiseConfig.METHODS) {
        double e = value(0.1, arm, seed, "pixelError");
        assertTrue(e < noisy / 4, arm + " seed " + seed + ": pixel error " + e + " vs noisy " + noisy);
      }
    }
  }

  @Test
  void everyMethodLowersThePixelErrorAtFlipProbabilityOneFifth() {
    for (int seed = 0; seed < 3; seed++) {
      double noisy = value(0.2, "icm", seed, "noisyError");
      for (String arm : IsingDenoiseConfig.METHODS) {
        double e = value(0.2, arm, seed, "pixelError");
        assertTrue(e < noisy / 2, "p=0.2 " + arm + " seed " + seed + ": pixel error " + e + " vs noisy " + noisy);
      }
    }
  }

  @Test
  void theGraphCutReachesTheLowestEnergyOfAllMethods() {
    for (double p : new double[] {0.1, 0.2}) {
      for (int seed = 0; seed < 3; seed++) {
        double cut = value(p, "graph-cut", seed, "energy");
        double icm = value(p, "icm", seed, "energy");
        double sa = value(p, "annealed-gibbs", seed, "energy");
        assertTrue(cut <= icm + 1e-9 && cut <= sa + 1e-9, "p=" + p + " seed " + seed + ": cut " + cut + ", ICM " + icm
            + ", annealing " + sa);
        assertTrue(cut <= value(p, "graph-cut", seed, "cleanEnergy"), "the clean image is no lower than the MAP");
      }
    }
  }

  @Test
  void annealingEndsWithinAFewUnitsOfTheExactMinimumAndIcmAboveIt() {
    double worstSa = 0;
    double meanIcm = 0;
    for (double p : new double[] {0.1, 0.2}) {
      for (int seed = 0; seed < 3; seed++) {
        double cut = value(p, "graph-cut", seed, "energy");
        worstSa = Math.max(worstSa, value(p, "annealed-gibbs", seed, "energy") - cut);
        meanIcm += (value(p, "icm", seed, "energy") - cut) / 6;
      }
    }
    System.out.printf("energy above the graph cut: annealing at most %.3f, ICM %.3f on average%n", worstSa, meanIcm);
    assertTrue(worstSa <= 8.0, "annealing ends " + worstSa + " above the minimum");
    assertTrue(meanIcm > worstSa, "ICM " + meanIcm + " vs annealing " + worstSa);
  }

  @Test
  void theFiguresAreDrawn() {
    for (String f : List.of("images", "pixel-error", "energy")) {
      assertTrue(result.figure(f + "-flipProbability-0.1") != null, f);
    }
  }

  @Test
  void badSettingsAreRejectedNamingThem() {
    IsingDenoiseConfig c = IsingDenoiseConfig.defaults();
    for (Map.Entry<String, String> bad : Map.of("flipProbability", "0.5", "coupling", "-1.0", "image", "cat",
        "size", "40").entrySet()) {
      Exception e = assertThrows(IllegalArgumentException.class, () -> c.with(Map.of("image", "digits"))
          .with(bad.getKey(), bad.getValue()));
      assertTrue(e.getMessage().contains(bad.getKey()) && e.getMessage().contains(bad.getValue()), e.getMessage());
    }
  }
}
