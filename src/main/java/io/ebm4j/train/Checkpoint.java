package io.ebm4j.train;

import io.ebm4j.nd.State;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A training run's whole state at the start of step {@code step}: parameters, optimizer state, every random
 * stream, the method's walkers, weights and running sums, stateful listeners, and the history logged so far.
 * Resuming from it gives exactly the history of the uninterrupted run (same seed, same thread count).
 * {@code fingerprint} identifies the run's configuration (energy, method, optimizer, steps, seed, data), so a
 * checkpoint is never resumed into another run.
 *
 * @param formatVersion the checkpoint format ({@link #FORMAT_VERSION})
 * @param step the next step to run
 * @param seconds wall time spent before this checkpoint
 * @param state the components' state
 * @param history the rows logged before {@code step}
 * @param fingerprint the configuration the run was started with
 */
public record Checkpoint(int formatVersion, int step, double seconds, State state, Table history,
    Map<String, String> fingerprint) {
  /** The version of the checkpoint format this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public Checkpoint {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("checkpoint format version " + formatVersion + " is not supported; this"
          + " ebm4j reads version " + FORMAT_VERSION);
    }
    if (step < 0) {
      throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
    }
    fingerprint = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
  }
}
