package io.ebm4j.train;

import io.ebm4j.energy.Energy;
import io.ebm4j.sample.Chains;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The outcome of a training run: the history table, the trained model (a copy; the starting energy is untouched),
 * the final walkers when the method keeps some, the wall time, and the configuration it ran with.
 *
 * <pre>{@code
 * Run<TwoWells> run = Ebm.train(model).on(data).method(Methods.exact()).steps(500).run();
 * run.history();                       // Table: step, massOfB, logZ, ...
 * run.model().massOfB();               // the trained TwoWells, no cast
 * Plots.history(run, "massOfB");       // XChart line over steps (io.ebm4j.show)
 * }</pre>
 *
 * @param <E> the energy's type
 * @param history one row per logged step
 * @param model the trained energy
 * @param walkers final walkers, or null
 * @param seconds wall time of the run
 * @param provenance the settings the run used, as strings
 */
public record Run<E extends Energy>(Table history, E model, Chains walkers, double seconds,
    Map<String, String> provenance) {
  /** The last logged value of a history column; unknown columns fail, naming the known ones. */
  public double last(String column) {
    if (!history.columnNames().contains(column)) {
      throw new IllegalArgumentException("no history column '" + column + "'; columns: "
          + String.join(", ", history.columnNames()));
    }
    return ((tech.tablesaw.api.NumericColumn<?>) history.column(column)).getDouble(history.rowCount() - 1);
  }

  /** Whether the history has this column. */
  public boolean has(String column) {
    return history.columnNames().contains(column);
  }
}
