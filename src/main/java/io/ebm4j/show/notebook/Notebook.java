package io.ebm4j.show.notebook;

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
