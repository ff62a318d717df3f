package io.ebm4j.study;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.train.Method;
import io.ebm4j.train.Training;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One way of training compared in a study: a label, tags (extra summary columns such as an initial value), the
 * initial model and the method for a cell, and the rest of the training's settings (optimizer, steps, trackers).
 * The runner supplies the data, the seed, the label and progress.
 *
 * <pre>{@code
 * Arm<TwoWellsConfig, TwoWells> jar = Arm.<TwoWellsConfig, TwoWells>of("jarzynski",
 *         cell -> family.withMassOfB(0.2),
 *         cell -> Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000))
 *     .tag("q0", 0.2)
 *     .tune((cell, t) -> t.optimizer(new Sgd(0.05)).steps(3000).track("massOfB", TwoWells::massOfB));
 * }</pre>
 *
 * @param label the arm's name in tables and legends
 * @param tags extra summary columns and their values (insertion order)
 * @param start the initial model of a cell: called once per cell, it must return a new energy
 * @param method the training method of a cell
 * @param tune the remaining settings of the training
 * @param <C> the configuration type
 * @param <E> the energy type
 */
public record Arm<C extends Record & Config<C>, E extends TrainableEnergy>(String label, Map<String, Object> tags,
    Function<Cell<C>, E> start, Function<Cell<C>, ? extends Method> method,
    BiFunction<Cell<C>, Training<E>, Training<E>> tune) {

  public Arm {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("arm label must not be blank, got '" + label + "'");
    }
    if (start == null || method == null || tune == null) {
      throw new IllegalArgumentException("arm '" + label + "' needs a start model, a method and a tune function");
    }
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** An arm with no tags and the training's defaults. */
  public static <C extends Record & Config<C>, E extends TrainableEnergy> Arm<C, E> of(String label,
      Function<Cell<C>, E> start, Function<Cell<C>, ? extends Method> method) {
    return new Arm<>(label, Map.of(), start, method, (cell, t) -> t);
  }

  /** The same arm with one more tag (a summary column). */
  public Arm<C, E> tag(String key, Object value) {
    Map<String, Object> t = new LinkedHashMap<>(tags);
    t.put(key, value);
    return new Arm<>(label, t, start, method, tune);
  }

  /** The same arm with more training settings, applied after the ones it has. */
  public Arm<C, E> tune(BiFunction<Cell<C>, Training<E>, Training<E>> more) {
    BiFunction<Cell<C>, Training<E>, Training<E>> before = tune;
    return new Arm<>(label, tags, start, method, (cell, t) -> more.apply(cell, before.apply(cell, t)));
  }

  /** The arm's key in file names and history tables: the label, then each tag as -key-value. */
  public String key() {
    StringBuilder sb = new StringBuilder(label);
    tags.forEach((k, v) -> sb.append('-').append(k).append('-').append(v));
    return sb.toString();
  }
}
