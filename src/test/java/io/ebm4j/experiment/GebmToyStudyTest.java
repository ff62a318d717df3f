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
 * The toy claims of Arbel, Zhou, Gretton's GEBM at the study's settings for seed 0, right latent dimensions (the
 * three-seed averages and the mis-specified latent dimensions are the CLI's {@code --set seeds=0..2}): on the curve
 * and on the sphere the GEBM's latent-MCMC samples are closer to held-out data than the base's in sliced W2, MMD^2 and
 * energy distance, and the base and the GEBM have the data's intrinsic dimension (the base learned the support).
 */
class GebmToyStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    GebmToyConfig c = GebmToyConfig.defaults().with("curveLatentDims", "1").with("sphereLatentDims", "2");
    Result r = new GebmToyStudy().run(Sweep.of(c));
    summary = r.summary();
    System.out.println(summary.print());
  }

  private static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < summary.rowCount(); i++) {
      out.add(summary.row(i));
    }
    return out;
  }

  @Test
  void gebmSamplesAreCloserToHeldOutDataThanBaseSamples() {
    for (Row r : rows()) {
      for (String m : List.of("swRatio", "mmdRatio", "edRatio")) {
        assertTrue(r.getDouble(m) < 1, r.getString("arm") + " " + m + " = " + r.getDouble(m));
      }
    }
  }

  @Test
  void baseAndGebmSamplesHaveTheDataIntrinsicDimension() {
    for (Row r : rows()) {
      double data = r.getDouble("idData");
      assertEquals(data, r.getDouble("idBase"), 0.3, r.getString("arm") + " base");
      assertEquals(data, r.getDouble("idGebm"), 0.3, r.getString("arm") + " GEBM");
    }
  }

  @Test
  void configRejectsUnknownSamplers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GebmToyConfig.defaults().with("sampler", "gibbs"));
    assertTrue(e.getMessage().contains("gibbs"), e.getMessage());
  }
}
