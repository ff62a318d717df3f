package io.ebm4j.show.notebook;

import java.util.Locale;
import java.util.Optional;

/**
 * Where ebm4j is running: inside a Jupyter kernel or not, and which one.
 *
 * <p>A kernel is recognised by, in order: the system property {@value #PROPERTY} (the kernel spec written by
 * {@code .ci/setup} sets {@code -Debm4j.notebook=rapaio}; any non-blank value other than {@code false} counts),
 * a running IJava kernel, or a JVM started as the rapaio kernel. The presence of a kernel's classes alone does not
 * count: the test class path holds rapaio's jar too.
 */
public final class Notebook {
  /** System property naming the kernel ebm4j runs in ({@code false} forces "not in a notebook"). */
  public static final String PROPERTY = "ebm4j.notebook";

  private Notebook() {}

  /** The kernel's name ("rapaio", "ijava", or the property's value), or empty outside a notebook. */
  public static Optional<String> kernel() {
    String p = System.getProperty(PROPERTY);
    if (p != null && !p.isBlank()) {
      return p.trim().equalsIgnoreCase("false") ? Optional.empty() : Optional.of(p.trim());
    }
    if (IJavaDisplay.kernel().isPresent()) {
      return Optional.of("ijava");
    }
    String cmd = System.getProperty("sun.java.command", "").toLowerCase(Locale.ROOT);
    if (cmd.contains("rapaio-jupyter-kernel") || cmd.startsWith("org.rapaio.jupyter.kernel.mainapp")) {
      return Optional.of("rapaio");
    }
    return Optional.empty();
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
