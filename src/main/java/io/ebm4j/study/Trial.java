package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.train.Run;
import java.util.Map;

/**
 * A finished cell: where it ran in the grid, its arm, its run (history, trained model of type E, walkers) and its
 * metrics.
 *
 * @param cell the cell
 * @param arm the arm
 * @param run the training run
 * @param metrics the study's metrics for it, in declaration order
 * @param <C> the configuration type
 * @param <E> the energy type
 */
public record Trial<C extends Record & Config<C>, E extends Energy>(Cell<C> cell, Arm<C, E> arm,
    Run<E> run, Map<String, Double> metrics) {
  /** One metric; unknown names fail, naming the known ones. */
  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; metrics: " + String.join(", ", metrics.keySet()));
    }
    return v;
  }
}
