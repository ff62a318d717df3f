package io.ebm4j.study;

import io.ebm4j.train.Checkpoints;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One cell of a study's grid: a configuration (one point of the sweep), an arm and a seed, with the study's data for
 * that configuration and seed (computed once, on first use, and shared by the arms).
 *
 * @param study the study's name
 * @param config the configuration of this point of the sweep
 * @param setting the swept settings and their values here (empty without a sweep)
 * @param arm the arm's label
 * @param seed the user's seed
 * @param dataSupplier the study's data for (config, seed)
 * @param checkpoints where this cell's training keeps its checkpoints, or null when the runner has none
 * @param checkpointEvery steps between checkpoints (when checkpoints is not null; 0 for none by step count)
 * @param checkpointSeconds seconds of a run between checkpoints (when checkpoints is not null; 0 for none by time)
 * @param <C> the configuration type
 */
public record Cell<C extends Record & Config<C>>(String study, C config, Map<String, String> setting, String arm,
    int seed, Supplier<INDArray> dataSupplier, Checkpoints checkpoints, int checkpointEvery,
    double checkpointSeconds) {
  /** A cell without checkpoints. */
  public Cell(String study, C config, Map<String, String> setting, String arm, int seed,
      Supplier<INDArray> dataSupplier) {
    this(study, config, setting, arm, seed, dataSupplier, null, 0, 0);
  }

  /** The study's data for this configuration and seed. */
  public INDArray data() {
    return dataSupplier.get();
  }

  /** The seed of a named random stream of this cell's study and seed (see {@link Seeds}). */
  public long stream(String name) {
    return Seeds.stream(study, name, seed);
  }
}
