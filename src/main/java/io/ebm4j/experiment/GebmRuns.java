package io.ebm4j.experiment;

import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.KaleStep;
import io.ebm4j.gebm.KaleTrainer;
import io.ebm4j.progress.Progress;
import io.ebm4j.train.Run;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The KALE loop of the GEBM studies as a {@link Run}: {@code steps} alternating steps, then {@code refineSteps} steps
 * with the base frozen (energy steps only), so that the final energy is the KALE witness of the final base rather than
 * of a base it lags behind; one history row of the trainer's measurements every logEvery.
 */
final class GebmRuns {
  private GebmRuns() {}

  static Run<Gebm> train(KaleTrainer t, int steps, int refineSteps, int logEvery, Map<String, String> settings,
      String label, Progress progress) {
    IntColumn step = IntColumn.create("step");
    DoubleColumn kale = DoubleColumn.create("kale");
    DoubleColumn logZ = DoubleColumn.create("logZ");
    DoubleColumn eData = DoubleColumn.create("meanEnergyData");
    DoubleColumn eBase = DoubleColumn.create("meanEnergyBase");
    DoubleColumn ess = DoubleColumn.create("weightEss");
    long t0 = System.nanoTime();
    int total = steps + refineSteps;
    progress.start(label, total);
    for (int k = 1; k <= total; k++) {
      if (k == steps + 1) {
        t.baseLearningRate(0);
      }
      KaleStep s = t.step();
      if (k % logEvery == 0 || k == total) {
        step.append(k);
        kale.append(s.kale());
        logZ.append(s.logZ());
        eData.append(s.meanEnergyData());
        eBase.append(s.meanEnergyBase());
        ess.append(s.weightEss());
        progress.step(k, Map.of("kale", s.kale(), "logZ", s.logZ()));
      }
    }
    progress.close();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Run<>(Table.create(label, step, kale, logZ, eData, eBase, ess), t.model(), null, seconds,
        new LinkedHashMap<>(settings));
  }
}
