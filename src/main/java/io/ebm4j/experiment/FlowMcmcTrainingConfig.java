package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the balanced-training study: a 2-D mixture with unequal weights learned by an MLP energy (plus a wide
 * fixed Gaussian), with ULA negatives (PCD) and with flow-MCMC negatives (flow IMH + MALA, companion flow adapted
 * alongside).
 *
 * @param target "two" (modes at -+ separation/2 e1, weights 0.2 / 0.8) or "four" (modes at (+-separation/2,
 *     +-separation/2), weights 0.1 / 0.2 / 0.3 / 0.4)
 * @param separation distance between neighbouring modes
 * @param sd standard deviation of the modes
 * @param dataSize number of data points
 * @param walkers number of persistent walkers (chains)
 * @param hidden widths of the MLP's hidden layers
 * @param confine standard deviation of the fixed Gaussian added to the MLP (the initial model)
 * @param stepSize step size h of ULA and of MALA
 * @param steps training steps
 * @param learningRate Adam learning rate of the energy at the start
 * @param finalLearningRate Adam learning rate of the energy at the last step (exponential decay in between)
 * @param batchSize data minibatch
 * @param methods among ula, flow
 * @param flowBlocks coupling blocks of the companion flow
 * @param flowHidden hidden widths of each coupling network
 * @param flowLearningRate Adam learning rate of the companion flow
 * @param logEvery history row (and exact mode weights on the grid) every this many steps
 * @param gridPoints points per axis of the grid on which mode weights are integrated
 */
public record FlowMcmcTrainingConfig(String target, double separation, double sd, int dataSize, int walkers,
    List<Integer> hidden, double confine, double stepSize, int steps, double learningRate, double finalLearningRate,
    int batchSize, List<String> methods, int flowBlocks, List<Integer> flowHidden, double flowLearningRate,
    int logEvery, int gridPoints) implements Config<FlowMcmcTrainingConfig> {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("ula", "flow");

  public FlowMcmcTrainingConfig {
    if (!"two".equals(target) && !"four".equals(target)) {
      throw new IllegalArgumentException("target must be two or four, got '" + target + "'");
    }
    for (var p : List.of(Map.entry("separation", separation), Map.entry("sd", sd), Map.entry("confine", confine),
        Map.entry("stepSize", stepSize), Map.entry("learningRate", learningRate),
        Map.entry("finalLearningRate", finalLearningRate), Map.entry("flowLearningRate", flowLearningRate))) {
      if (!(p.getValue() > 0) || !Double.isFinite(p.getValue())) {
        throw new IllegalArgumentException(p.getKey() + " must be positive and finite, got " + p.getValue());
      }
    }
    for (var p : List.of(Map.entry("dataSize", dataSize), Map.entry("walkers", walkers), Map.entry("steps", steps),
        Map.entry("batchSize", batchSize), Map.entry("flowBlocks", flowBlocks), Map.entry("logEvery", logEvery))) {
      if (p.getValue() < 1) {
        throw new IllegalArgumentException(p.getKey() + " must be at least 1, got " + p.getValue());
      }
    }
    if (gridPoints < 3) {
      throw new IllegalArgumentException("gridPoints must be at least 3, got " + gridPoints);
    }
    if (hidden == null || hidden.isEmpty() || flowHidden == null || flowHidden.isEmpty()) {
      throw new IllegalArgumentException("hidden and flowHidden must not be empty");
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "'; known: flow, ula");
      }
    }
    hidden = List.copyOf(hidden);
    flowHidden = List.copyOf(flowHidden);
    methods = List.copyOf(methods);
  }

  /**
   * Two unit modes 0.2 / 0.8 at distance 8, MLP 64-64 + Gaussian of sd 6, 256 walkers, batch 256, 2000 Adam steps
   * decaying from 2e-3 to 1e-4, companion Real NVP of 4 blocks of width 64.
   */
  public static FlowMcmcTrainingConfig defaults() {
    return new FlowMcmcTrainingConfig("two", 8, 1, 10_000, 256, List.of(64, 64), 6, 0.05, 2000, 2e-3, 1e-4, 256,
        List.of("ula", "flow"), 4, List.of(64, 64), 1e-3, 100, 121);
  }
}
