package io.ebm4j.study;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.progress.Progress;
import io.ebm4j.train.Method;
import io.ebm4j.train.Run;
import io.ebm4j.train.Training;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An arm that trains an energy: the initial model and the method of a cell, and the remaining settings of the
 * training (optimizer, steps, trackers, listeners). The runner supplies the data, the seed, the label and progress.
 * Built with {@link Arm#of}.
 *
 * @param label the arm's name in tables and legends
 * @param tags extra summary columns and their values (insertion order)
 * @param start the initial model of a cell: called once per cell, it must return a new energy
 * @param method the training method of a cell
 * @param tune the remaining settings of the training
 * @param <C> the configuration type
 * @param <E> the energy type
 */
public record TrainingArm<C extends Record & Config<C>, E extends TrainableEnergy>(String label,
    Map<String, Object> tags, Function<Cell<C>, E> start, Function<Cell<C>, ? extends Method> method,
    BiFunction<Cell<C>, Training<E>, Training<E>> tune) implements Arm<C, E> {

  public TrainingArm {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("arm label must not be blank, got '" + label + "'");
    }
    if (start == null || method == null || tune == null) {
      throw new IllegalArgumentException("arm '" + label + "' needs a start model, a method and a tune function");
    }
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  @Override
  public TrainingArm<C, E> tag(String key, Object value) {
    Map<String, Object> t = new LinkedHashMap<>(tags);
    t.put(key, value);
    return new TrainingArm<>(label, t, start, method, tune);
  }

  /** The same arm with more training settings, applied after the ones it has. */
  public TrainingArm<C, E> tune(BiFunction<Cell<C>, Training<E>, Training<E>> more) {
    BiFunction<Cell<C>, Training<E>, Training<E>> before = tune;
    return new TrainingArm<>(label, tags, start, method, (cell, t) -> more.apply(cell, before.apply(cell, t)));
  }

  @Override
  public E model(Cell<C> cell) {
    return start.apply(cell);
  }

  @Override
  public Run<E> run(Cell<C> cell, String runLabel, Progress progress) {
    Training<E> training = new Training<>(start.apply(cell)).on(cell.data()).method(method.apply(cell))
        .seed(cell.seed()).label(runLabel).progress(progress);
    if (cell.checkpoints() != null) {
      training.checkpoints(cell.checkpoints()).resumeFrom(cell.checkpoints());
      if (cell.checkpointEvery() > 0) {
        training.checkpointEvery(cell.checkpointEvery());
      }
      if (cell.checkpointSeconds() > 0) {
        training.checkpointEverySeconds(cell.checkpointSeconds());
      }
    }
    return tune.apply(cell, training).run();
  }
}
