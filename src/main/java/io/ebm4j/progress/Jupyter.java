package io.ebm4j.progress;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether ebm4j runs inside a Jupyter kernel, and which one; {@link Progress#auto()} uses it to pick a display.
 *
 * <p>A kernel is recognised by, in order: the system property {@value #PROPERTY} (the kernel spec written by
 * {@code .ci/setup} sets {@code -Debm4j.notebook=rapaio}; any non-blank value other than {@code false} counts),
 * a running IJava kernel (probed by reflection), or a JVM started as the rapaio kernel. The presence of a kernel's
 * classes alone does not count: the test class path holds rapaio's jar too.
 */
public final class Jupyter {
  /** System property naming the kernel ebm4j runs in ({@code false} forces "not in a notebook"). */
  public static final String PROPERTY = "ebm4j.notebook";
  private static final String IJAVA = "io.github.spencerpark.ijava.IJava";

  private Jupyter() {}

  /** The kernel's name ("rapaio", "ijava", or the property's value), or empty outside a notebook. */
  public static Optional<String> kernel() {
    String p = System.getProperty(PROPERTY);
    if (p != null && !p.isBlank()) {
      return p.trim().equalsIgnoreCase("false") ? Optional.empty() : Optional.of(p.trim());
    }
    if (ijavaRunning()) {
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

  private static boolean ijavaRunning() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> ijava = Class.forName(IJAVA, false, cl != null ? cl : Jupyter.class.getClassLoader());
      return ijava.getMethod("getKernelInstance").invoke(null) != null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }
}
