package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.train.Run;

/**
 * One summary column of a study: a number per finished cell. Metrics run where the cell ran (a local thread or a
 * Spark executor), with the live run and the cell's data.
 *
 * <pre>{@code
 * Map.of("massOfB", Metric.last("massOfB"),
 *        "qData", (cell, run) -> TwoWellsStudy.fractionInB(cell.data()));
 * }</pre>
 *
 * @param <C> the configuration type
 * @param <E> the energy type
 */
@FunctionalInterface
public interface Metric<C extends Record & Config<C>, E extends Energy> {
  double of(Cell<C> cell, Run<E> run);

  /** The last logged value of a history column (the column must exist). */
  static <C extends Record & Config<C>, E extends Energy> Metric<C, E> last(String column) {
    return (cell, run) -> run.last(column);
  }

  /** The last value of a history column, or {@code absent} for runs that do not log it. */
  static <C extends Record & Config<C>, E extends Energy> Metric<C, E> lastOr(String column,
      double absent) {
    return (cell, run) -> run.has(column) ? run.last(column) : absent;
  }

  /** The minimum of a history column over the run, or NaN for runs that do not log it. */
  static <C extends Record & Config<C>, E extends Energy> Metric<C, E> min(String column) {
    return (cell, run) -> run.has(column) ? run.history().numberColumn(column).min() : Double.NaN;
  }

  /** The largest absolute value of a history column over the run, or NaN for runs that do not log it. */
  static <C extends Record & Config<C>, E extends Energy> Metric<C, E> maxAbs(String column) {
    return (cell, run) -> run.has(column) ? run.history().numberColumn(column).abs().max() : Double.NaN;
  }
}
