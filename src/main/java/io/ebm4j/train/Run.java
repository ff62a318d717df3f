package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.sample.Chains;
import io.ebm4j.show.Plots;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The outcome of a training run: the history table, the trained model (a copy; the starting energy is untouched),
 * the final walkers when the method keeps some, the wall time, and the configuration it ran with.
 *
 * <pre>{@code
 * Run run = Ebm.train(model).on(data).method(Methods.exact()).steps(500).run();
 * run.history();                       // Table: step, massOfB, logZ, ...
 * run.plot("massOfB");                 // XChart line over steps
 * }</pre>
 *
 * @param history one row per logged step
 * @param model the trained energy
 * @param walkers final walkers, or null
 * @param seconds wall time of the run
 * @param provenance the settings the run used, as strings
 */
public record Run(Table history, TrainableEnergy model, Chains walkers, double seconds,
    Map<String, String> provenance) {
  /** A line chart of history columns against the step. */
  public XYChart plot(String... columns) {
    return Plots.line(history, "step", columns);
  }
}
