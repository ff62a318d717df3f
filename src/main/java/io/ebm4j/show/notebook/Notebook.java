package io.ebm4j.show.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ebm4j.progress.Jupyter;

/**
 * Where ebm4j is running (see {@link Jupyter}) and making its charts and tables display inline there.
 */
public final class Notebook {
  /** System property naming the kernel ebm4j runs in ({@code false} forces "not in a notebook"). */
  public static final String PROPERTY = Jupyter.PROPERTY;

  private Notebook() {}

  /** The kernel's name ("rapaio", "ijava", or the property's value), or empty outside a notebook. */
  public static Optional<String> kernel() {
    return Jupyter.kernel();
  }

  /** True inside a Jupyter kernel. */
  public static boolean inKernel() {
    return kernel().isPresent();
  }

  /**
   * Shows each value as its own output of the current cell (charts, figures, tables, runs, results: several
   * figures in one cell) and returns their display ids, for {@link #update}. Outside a kernel it shows nothing and
   * returns an empty list.
   *
   * <pre>{@code
   * Notebook.display(Plots.history(run, "massOfB"), Plots.history(run, "essFraction"), run.history());
   * }</pre>
   */
  public static List<String> display(Object... values) {
    return display(DisplaySinks.current(), values);
  }

  static List<String> display(Optional<DisplaySink> sink, Object... values) {
    if (values == null) {
      throw new IllegalArgumentException("values must not be null");
    }
    if (sink.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(values.length);
    for (Object v : values) {
      ids.add(sink.get().show(v));
    }
    return ids;
  }

  /** Replaces the output with this display id (from {@link #display}) by value; outside a kernel does nothing. */
  public static void update(String displayId, Object value) {
    update(DisplaySinks.current(), displayId, value);
  }

  static void update(Optional<DisplaySink> sink, String displayId, Object value) {
    if (displayId == null || displayId.isBlank()) {
      throw new IllegalArgumentException("displayId must not be blank, got '" + displayId + "'");
    }
    sink.ifPresent(s -> s.update(displayId, value));
  }

  /**
   * Makes charts and tables display inline; safe to call any number of times, anywhere. rapaio needs nothing
   * (it finds {@link RapaioDisplayProvider} itself); IJava gets its renderers registered.
   *
   * @return true inside a kernel
   */
  public static boolean setup() {
    IJavaDisplay.register();
    return inKernel();
  }
}
