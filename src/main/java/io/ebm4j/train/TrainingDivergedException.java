package io.ebm4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Thrown when a training run produces a non-finite quantity: says at which step, which quantity, the last finite
 * values the run logged (its last history row) and, when the run keeps checkpoints, that the last one is intact.
 *
 * <pre>
 *   training diverged at step 1843: log-weight of walker 17 = NaN
 *     last logged values (step 1800): massOfB=0.7712, essFraction=0.3120, logZ=-0.0231
 *     the last checkpoint (step 1800) is intact: resume from it with a smaller learning rate or step size
 * </pre>
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int step;
  private final String quantity;
  private final Map<String, Double> lastRow;
  private final double value;

  public TrainingDivergedException(int step, String quantity, double value) {
    this(step, quantity, value, -1, Map.of(), -1);
  }

  TrainingDivergedException(int step, String quantity, double value, int lastLogged, Map<String, Double> lastRow,
      int lastCheckpoint) {
    super(message(step, quantity, value, lastLogged, lastRow, lastCheckpoint));
    this.step = step;
    this.quantity = quantity;
    this.lastRow = Collections.unmodifiableMap(new LinkedHashMap<>(lastRow));
    this.value = value;
  }

  /** The same divergence with the run's context: its last logged row and last checkpoint (-1: none). */
  TrainingDivergedException withContext(int lastLogged, Map<String, Double> row, int lastCheckpoint) {
    TrainingDivergedException e = new TrainingDivergedException(step, quantity, value, lastLogged, row,
        lastCheckpoint);
    e.setStackTrace(getStackTrace());
    return e;
  }

  private static String message(int step, String quantity, double value, int lastLogged, Map<String, Double> row,
      int lastCheckpoint) {
    StringBuilder sb = new StringBuilder("training diverged at step " + step + ": " + quantity + " = " + value);
    if (lastLogged >= 0 && !row.isEmpty()) {
      sb.append("\n  last logged values (step ").append(lastLogged).append("): ");
      int shown = 0;
      for (Map.Entry<String, Double> en : row.entrySet()) {
        if (en.getKey().equals("seconds")) {
          continue;
        }
        if (shown++ == 12) {
          sb.append(", ...");
          break;
        }
        sb.append(shown > 1 ? ", " : "").append(en.getKey()).append('=')
            .append(String.format(Locale.ROOT, "%.6g", en.getValue()));
      }
    }
    if (lastCheckpoint >= 0) {
      sb.append("\n  the last checkpoint (step ").append(lastCheckpoint).append(") is intact: resume from it with a")
          .append(" smaller learning rate or step size");
    } else {
      sb.append("\n  lower the learning rate or the sampler's step size, or check the data");
    }
    return sb.toString();
  }

  /** The step at which the non-finite value appeared. */
  public int step() {
    return step;
  }

  /** Which quantity became non-finite. */
  public String quantity() {
    return quantity;
  }

  /** The last history row logged before the divergence (the last finite values), empty if none. */
  public Map<String, Double> lastRow() {
    return lastRow;
  }
}
