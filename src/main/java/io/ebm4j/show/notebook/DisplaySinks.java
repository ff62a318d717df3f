package io.ebm4j.show.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The running kernel's display, if any: rapaio's {@code org.rapaio.jupyter.kernel.global.Global.display} and
 * {@code updateDisplay}, or IJava's {@code io.github.spencerpark.ijava.runtime.Display} (by reflection). Outside a
 * kernel there is none, and callers show nothing.
 */
final class DisplaySinks {
  static final String RAPAIO_GLOBAL = "org.rapaio.jupyter.kernel.global.Global";
  static final String IJAVA_DISPLAY = "io.github.spencerpark.ijava.runtime.Display";

  private DisplaySinks() {}

  static Optional<DisplaySink> current() {
    Optional<String> kernel = Notebook.kernel();
    if (kernel.isEmpty()) {
      return Optional.empty();
    }
    if (kernel.get().equalsIgnoreCase("rapaio") && present(RAPAIO_GLOBAL)) {
      return Optional.of(new RapaioSink());
    }
    if (IJavaDisplay.kernel().isPresent() && present(IJAVA_DISPLAY)) {
      IJavaDisplay.register();
      return reflective(IJAVA_DISPLAY);
    }
    return Optional.empty();
  }

  private static boolean present(String name) {
    try {
      Class.forName(name, false, DisplaySinks.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A sink over static {@code String display(Object)} and {@code void updateDisplay(String, Object)} of a class. */
  static Optional<DisplaySink> reflective(String className) {
    try {
      Class<?> c = Class.forName(className, true, DisplaySinks.class.getClassLoader());
      Method display = c.getMethod("display", Object.class);
      Method update = c.getMethod("updateDisplay", String.class, Object.class);
      return Optional.of(new DisplaySink() {
        @Override
        public String show(Object value) {
          return String.valueOf(call(display, value));
        }

        @Override
        public void update(String displayId, Object value) {
          call(update, displayId, value);
        }
      });
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static Object call(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** rapaio: compiled against its API (a provided dependency); loaded only inside a rapaio kernel. */
  static final class RapaioSink implements DisplaySink {
    @Override
    public String show(Object value) {
      return org.rapaio.jupyter.kernel.global.Global.display(value);
    }

    @Override
    public void update(String displayId, Object value) {
      org.rapaio.jupyter.kernel.global.Global.updateDisplay(displayId, value);
    }
  }
}
