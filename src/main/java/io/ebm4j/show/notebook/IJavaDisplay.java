package io.ebm4j.show.notebook;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers ebm4j's renderers with the IJava kernel, by reflection only: ebm4j neither compiles against nor ships
 * IJava. Does nothing (returns false) when IJava's classes are absent or no IJava kernel is running.
 *
 * <p>IJava looks render functions up by the value's exact class, so every concrete XChart chart class is
 * registered, not their common interface.
 */
public final class IJavaDisplay {
  static final String IJAVA = "io.github.spencerpark.ijava.IJava";
  private static final String[] CHART_CLASSES = {
    "org.knowm.xchart.XYChart", "org.knowm.xchart.CategoryChart", "org.knowm.xchart.PieChart",
    "org.knowm.xchart.BubbleChart", "org.knowm.xchart.BoxChart", "org.knowm.xchart.HeatMapChart",
    "org.knowm.xchart.OHLCChart", "org.knowm.xchart.RadarChart", "org.knowm.xchart.DialChart",
    "org.knowm.xchart.HorizontalBarChart",
  };
  private static boolean registered;

  private IJavaDisplay() {}

  /** The running IJava kernel instance, if IJava is on the class path and a kernel is running. */
  static Optional<Object> kernel() {
    try {
      Class<?> ijava = Class.forName(IJAVA, false, loader());
      return Optional.ofNullable(ijava.getMethod("getKernelInstance").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** Registers chart (PNG) and table (HTML) rendering once; true if registered now or before. */
  public static synchronized boolean register() {
    if (registered) {
      return true;
    }
    Optional<Object> kernel = kernel();
    if (kernel.isEmpty()) {
      return false;
    }
    try {
      register(kernel.get().getClass().getMethod("getRenderer").invoke(kernel.get()));
      registered = true;
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("ebm4j: could not register IJava renderers: " + e);
      return false;
    }
  }

  /**
   * Registers chart and figure (PNG), table, run and study result (HTML) rendering on an IJava
   * {@code io.github.spencerpark.jupyter.kernel.display.Renderer}, given as Object so ebm4j needs no IJava classes.
   */
  static void register(Object renderer) throws ReflectiveOperationException {
    registerAll(renderer, chartClasses(), new String[] {MimeBundle.PNG});
    registerAll(renderer, List.of(tech.tablesaw.api.Table.class), new String[] {MimeBundle.HTML});
    registerAll(renderer, List.of(io.ebm4j.train.Run.class), new String[] {MimeBundle.HTML});
    registerAll(renderer, List.of(io.ebm4j.show.Figure.class), new String[] {MimeBundle.PNG});
    try {
      // by name: show must not depend on the study package that depends on it
      registerAll(renderer, List.of(Class.forName("io.ebm4j.study.Result", false, loader())),
          new String[] {MimeBundle.HTML});
    } catch (ClassNotFoundException e) {
      // results are not on this class path
    }
  }

  private static List<Class<?>> chartClasses() {
    List<Class<?>> out = new ArrayList<>();
    for (String name : CHART_CLASSES) {
      try {
        out.add(Class.forName(name, false, IJavaDisplay.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        // an XChart version without this chart type
      }
    }
    return out;
  }

  private static void registerAll(Object renderer, List<Class<?>> types, String[] preferred)
      throws ReflectiveOperationException {
    if (types.isEmpty()) {
      return;
    }
    Object reg = renderer.getClass().getMethod("createRegistration", Class.class).invoke(renderer, types.get(0));
    reg.getClass().getMethod("preferring", String[].class).invoke(reg, (Object) preferred);
    Method onType = reg.getClass().getMethod("onType", Class.class);
    for (Class<?> t : types.subList(1, types.size())) {
      onType.invoke(reg, t);
    }
    Method register = null;
    for (Method m : reg.getClass().getMethods()) {
      if (m.getName().equals("register") && m.getParameterCount() == 1 && m.getParameterTypes()[0].isInterface()) {
        register = m;
      }
    }
    if (register == null) {
      throw new NoSuchMethodException("register(RenderFunction) on " + reg.getClass());
    }
    Class<?> fnType = register.getParameterTypes()[0];
    Object fn = Proxy.newProxyInstance(fnType.getClassLoader(), new Class<?>[] {fnType}, new RenderHandler());
    register.invoke(reg, fn);
  }

  /** The render function: copies the value's {@link MimeBundle} into IJava's output container. */
  private static final class RenderHandler implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "ebm4j IJava render function";
        default:
          break;
      }
      if (args == null || args.length != 2) {
        return null;
      }
      Optional<MimeBundle> bundle = MimeBundle.of(args[0]);
      if (bundle.isPresent()) {
        Object out = args[1].getClass().getMethod("getOutputContainer").invoke(args[1]);
        Method put = out.getClass().getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : bundle.get().data().entrySet()) {
          put.invoke(out, e.getKey(), e.getValue());
        }
      }
      return null;
    }
  }

  private static ClassLoader loader() {
    ClassLoader l = IJavaDisplay.class.getClassLoader();
    return l != null ? l : ClassLoader.getSystemClassLoader();
  }
}
