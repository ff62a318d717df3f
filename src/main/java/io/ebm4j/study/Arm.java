package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.progress.Progress;
import io.ebm4j.train.Method;
import io.ebm4j.train.Run;
import java.util.Map;
import java.util.function.Function;

/**
 * One way of running a cell that a study compares: a label, tags (extra summary columns such as an initial value),
 * and how to run it. Most arms train an energy ({@link #of}: the initial model and the method of a cell, then the
 * remaining training settings with {@link TrainingArm#tune}); others run anything that ends in a {@link Run}
 * (sampling a fixed target, a custom training loop) through {@link #custom}.
 *
 * <pre>{@code
 * Arm<TwoWellsConfig, TwoWells> jar = Arm.<TwoWellsConfig, TwoWells>of("jarzynski",
 *         cell -> family.withMassOfB(0.2),
 *         cell -> Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000))
 *     .tag("q0", 0.2)
 *     .tune((cell, t) -> t.optimizer(new Sgd(0.05)).steps(3000).track("massOfB", TwoWells::massOfB));
 * }</pre>
 *
 * @param <C> the configuration type
 * @param <E> the model type of the runs
 */
public interface Arm<C extends Record & Config<C>, E extends Energy> {
  /** The arm's name in tables and legends. */
  String label();

  /** Extra summary columns and their values, in order. */
  Map<String, Object> tags();

  /** The same arm with one more tag. */
  Arm<C, E> tag(String key, Object value);

  /**
   * A new, untrained model of this arm for a cell. A run that ran on a remote engine comes back as parameters; the
   * driver puts them into this model to draw figures.
   */
  E model(Cell<C> cell);

  /** Runs the cell; {@code label} names the run in histories and progress displays. */
  Run<E> run(Cell<C> cell, String label, Progress progress);

  /** The arm's key in file names and history tables: the label, then each tag as -key-value. */
  default String key() {
    StringBuilder sb = new StringBuilder(label());
    tags().forEach((k, v) -> sb.append('-').append(k).append('-').append(v));
    return sb.toString();
  }

  /** A training arm: the initial model and the method of a cell, with the training's defaults until tuned. */
  static <C extends Record & Config<C>, E extends TrainableEnergy> TrainingArm<C, E> of(String label,
      Function<Cell<C>, E> start, Function<Cell<C>, ? extends Method> method) {
    return new TrainingArm<>(label, Map.of(), start, method, (cell, t) -> t);
  }

  /**
   * An arm that runs anything ending in a run: {@code model} gives a new model for a cell and {@code body} runs the
   * cell on it (e.g. sampling a fixed target and reporting per-step diagnostics as the run's history).
   */
  static <C extends Record & Config<C>, E extends Energy> Arm<C, E> custom(String label,
      Function<Cell<C>, E> model, CellBody<C, E> body) {
    return new CustomArm<>(label, Map.of(), model, body);
  }

  /** The work of a custom arm. */
  @FunctionalInterface
  interface CellBody<C extends Record & Config<C>, E extends Energy> {
    Run<E> run(Cell<C> cell, E model, String label, Progress progress);
  }
}
