package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.study.Sweep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The balanced-training claims on two unit modes 0.2 / 0.8 at distance 8 (the study's defaults: MLP 64-64 energy,
 * 256 walkers, batch 256, 2000 Adam steps, companion Real NVP of 4 blocks of width 64), seeds 0..2. Mode weights of
 * the learned energy are exact (grid integration).
 */
@Tag("slow")
class FlowMcmcTrainingStudyTest {
  private static Table summary;

  @BeforeAll
  static void runStudy() {
    FlowMcmcTrainingConfig c = FlowMcmcTrainingConfig.defaults();
    assertEquals("two", c.target());
    assertEquals(8.0, c.separation());
    assertEquals(256, c.walkers());
    assertEquals(256, c.batchSize());
    summary = new FlowMcmcTrainingStudy().run(Sweep.of(c).set("seeds", "0..2")).summary();
  }

  private static List<Double> values(String arm, String column) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < summary.rowCount(); i++) {
      if (summary.stringColumn("arm").get(i).equals(arm)) {
        out.add(summary.numberColumn(column).getDouble(i));
      }
    }
    assertEquals(3, out.size(), "one row per seed for " + arm);
    return out;
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void theFlowMcmcTrainedEnergyHasTheTargetWeightsOnAverageAndForEverySeed() {
    List<Double> err = values("flow", "maxWeightError");
    assertTrue(mean(err) <= 0.05, "mean final weight error " + err);
    err.forEach(e -> assertTrue(e <= 0.08, "final weight errors " + err));
    List<Double> late = values("flow", "meanLateWeightError");
    assertTrue(mean(late) <= 0.05, "mean weight error over the second half's checkpoints " + late);
  }

  @Test
  void theFlowMovesAreAcceptedAtLeastHalfTheTime() {
    List<Double> acc = values("flow", "imhAcceptance");
    acc.forEach(a -> assertTrue(a >= 0.5, "IMH acceptance over the second half " + acc));
  }

  @Test
  void theUlaTrainedEnergyIsAtLeastThreeTimesFurtherFromTheWeights() {
    double ula = mean(values("ula", "meanLateWeightError"));
    double flow = mean(values("flow", "meanLateWeightError"));
    assertTrue(ula >= 3 * flow, "mean checkpoint error of the second half: ula " + ula + ", flow " + flow);
  }

  @Test
  void badSettingsNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowMcmcTrainingConfig.defaults().with("methods", "ula,jarzynski"));
    assertTrue(e.getMessage().contains("jarzynski"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FlowMcmcTrainingConfig.defaults().with("sd", -1.0));
    assertTrue(e.getMessage().contains("sd must be positive and finite, got -1.0"), e.getMessage());
  }
}
