package io.ebm4j.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds {@code key=value} settings onto a configuration record: each key names a record component; values are
 * parsed by the component's type (int, long, double, boolean, String, or a List of those, comma-separated). Unknown
 * keys and unparsable values fail with a message naming the key, the value and the known keys; the record's own
 * constructor then validates ranges.
 */
final class Settings {
  private Settings() {}

  @SuppressWarnings("unchecked")
  static <C extends Record> C apply(C base, Map<String, String> sets) {
    Class<C> type = (Class<C>) base.getClass();
    RecordComponent[] comps = type.getRecordComponents();
    Object[] values = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      try {
        values[i] = comps[i].getAccessor().invoke(base);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Map.Entry<String, String> en : sets.entrySet()) {
      int idx = -1;
      for (int i = 0; i < comps.length; i++) {
        if (comps[i].getName().equals(en.getKey())) {
          idx = i;
        }
      }
      if (idx < 0) {
        throw new IllegalArgumentException("unknown setting '" + en.getKey() + "'; known: "
            + Arrays.stream(comps).map(RecordComponent::getName).collect(Collectors.joining(", ")));
      }
      values[idx] = parse(comps[idx], en.getValue());
    }
    try {
      Constructor<C> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(RecordComponent c, String v) {
    Class<?> t = c.getType();
    try {
      if (t == List.class) {
        Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        List<Object> out = new ArrayList<>();
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            out.add(scalar((Class<?>) arg, part.trim(), c.getName()));
          }
        }
        return out;
      }
      return scalar(t, v.trim(), c.getName());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + c.getName() + " expects " + describe(c) + ", got '" + v + "'");
    }
  }

  private static Object scalar(Class<?> t, String v, String name) {
    if (t == int.class || t == Integer.class) {
      return Integer.parseInt(v);
    } else if (t == long.class || t == Long.class) {
      return Long.parseLong(v);
    } else if (t == double.class || t == Double.class) {
      return Double.parseDouble(v);
    } else if (t == boolean.class || t == Boolean.class) {
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("setting " + name + " expects true or false, got '" + v + "'");
      }
      return Boolean.parseBoolean(v);
    } else if (t == String.class) {
      return v;
    }
    throw new IllegalArgumentException("setting " + name + " has unsupported type " + t.getSimpleName());
  }

  private static String describe(RecordComponent c) {
    if (c.getType() == List.class) {
      return "a comma-separated list of "
          + ((Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0]).getSimpleName();
    }
    return "a " + c.getType().getSimpleName();
  }
}
