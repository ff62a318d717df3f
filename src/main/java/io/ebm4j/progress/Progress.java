package io.ebm4j.progress;

import java.util.Map;

/**
 * Progress of a long run (training, sampling, reproduction): start, steps with the latest metrics, close.
 *
 * <pre>{@code
 * try (Progress p = Progress.auto()) {
 *   p.start("train", steps);
 *   for (long k = 1; k <= steps; k++) { ...; p.step(k, Map.of("loss", loss)); }
 * }
 * }</pre>
 */
public interface Progress extends AutoCloseable {
  /** Begins a run of total steps (total &lt;= 0: unknown length). */
  void start(String label, long total);

  /** done steps are finished; metrics are the latest values to show (may be empty, never null). */
  void step(long done, Map<String, Double> metrics);

  /** Ends the display; further calls do nothing. */
  @Override
  void close();

  /** A progress that shows nothing (the default in tests). */
  static Progress silent() {
    return SilentProgress.INSTANCE;
  }

  /** A terminal progress bar on standard error. */
  static Progress terminal() {
    return new TerminalProgress();
  }

  /** One compact line on standard output, redrawn in place (what a notebook cell shows). */
  static Progress notebook() {
    return new NotebookProgress(System.out);
  }

  /**
   * The terminal bar when attached to a console, the notebook line inside a Jupyter kernel, else silent.
   */
  static Progress auto() {
    if (System.console() != null) {
      return terminal();
    }
    if (Jupyter.inKernel()) {
      return notebook();
    }
    return silent();
  }
}
