package io.ebm4j.study;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one parser of settings: binds {@code key=value} onto a configuration record. Each key names a record
 * component; values are parsed by the component's type (int, long, double, boolean, String, or a List of those,
 * comma-separated). Unknown keys and unparsable values fail with a message naming the key, the value and the known
 * keys; the record's own constructor then validates ranges. Used by {@link Config#with}, {@link Sweep} and the CLI.
 */
public final class Configs {
  private Configs() {}

  /** The record's components as ordered name=value text, the form {@code --set} reads back. */
  public static Map<String, String> text(Record r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = value(r, c);
      m.put(c.getName(), v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
          : String.valueOf(v));
    }
    return m;
  }

  /** Names of the record type's settings, in declaration order. */
  public static List<String> keys(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /** Whether the setting {@code key} of the record type holds a list. */
  public static boolean isList(Class<? extends Record> type, String key) {
    return component(type, key).getType() == List.class;
  }

  /** A copy of base with the given settings replaced; values are strings (parsed) or objects (converted). */
  @SuppressWarnings("unchecked")
  public static <C extends Record> C with(C base, Map<String, ?> values) {
    Class<C> type = (Class<C>) base.getClass();
    RecordComponent[] comps = type.getRecordComponents();
    Object[] args = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      args[i] = value(base, comps[i]);
    }
    for (Map.Entry<String, ?> en : values.entrySet()) {
      component(type, en.getKey()); // fails naming the known keys
      for (int i = 0; i < comps.length; i++) {
        if (comps[i].getName().equals(en.getKey())) {
          args[i] = convert(comps[i], en.getValue());
        }
      }
    }
    try {
      Constructor<C> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName() + ": " + e, e);
    }
  }

  static RecordComponent component(Class<? extends Record> type, String key) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown setting '" + key + "'; known: " + String.join(", ", keys(type)));
  }

  private static Object value(Record r, RecordComponent c) {
    try {
      var m = c.getAccessor();
      m.setAccessible(true);
      return m.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(RecordComponent c, Object v) {
    if (v == null) {
      throw new IllegalArgumentException("setting " + c.getName() + " must not be null");
    }
    if (v instanceof String s) {
      return parse(c, s);
    }
    Class<?> t = c.getType();
    if (t == List.class) {
      if (!(v instanceof List<?> l)) {
        throw new IllegalArgumentException("setting " + c.getName() + " expects " + describe(c) + ", got " + v);
      }
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(scalar(elementType(c), o, c));
      }
      return out;
    }
    return scalar(t, v, c);
  }

  private static Object parse(RecordComponent c, String v) {
    if (c.getType() == List.class) {
      List<Object> out = new ArrayList<>();
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.addAll(expand(elementType(c), part.trim(), c));
        }
      }
      return out;
    }
    return scalar(c.getType(), v.trim(), c);
  }

  /** One list element, or an integer range {@code a..b} (inclusive) for integer lists. */
  private static List<Object> expand(Class<?> t, String part, RecordComponent c) {
    int dots = part.indexOf("..");
    if (dots > 0 && (t == Integer.class || t == Long.class)) {
      List<Object> out = new ArrayList<>();
      for (long x : Sweep.range(part, c.getName())) {
        out.add(t == Integer.class ? (Object) Math.toIntExact(x) : (Object) x);
      }
      return out;
    }
    return List.of(scalar(t, part, c));
  }

  private static Object scalar(Class<?> t, Object v, RecordComponent c) {
    String name = c.getName();
    try {
      if (t == int.class || t == Integer.class) {
        return v instanceof Number n ? exactInt(n, name) : Integer.parseInt(((String) v).trim());
      } else if (t == long.class || t == Long.class) {
        return v instanceof Number n ? (Object) n.longValue() : Long.parseLong(((String) v).trim());
      } else if (t == double.class || t == Double.class) {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(((String) v).trim());
      } else if (t == boolean.class || t == Boolean.class) {
        if (v instanceof Boolean b) {
          return b;
        }
        String s = String.valueOf(v).trim();
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("setting " + name + " expects true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(s);
      } else if (t == String.class) {
        return String.valueOf(v).trim();
      }
    } catch (NumberFormatException | ClassCastException e) {
      throw new IllegalArgumentException("setting " + name + " expects " + describe(c) + ", got '" + v + "'");
    }
    throw new IllegalArgumentException("setting " + name + " has unsupported type " + t.getSimpleName());
  }

  private static int exactInt(Number n, String name) {
    double d = n.doubleValue();
    if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("setting " + name + " expects an integer, got " + n);
    }
    return (int) d;
  }

  private static Class<?> elementType(RecordComponent c) {
    Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    return (Class<?>) arg;
  }

  private static String describe(RecordComponent c) {
    if (c.getType() == List.class) {
      return "a comma-separated list of " + kind(elementType(c)) + "s";
    }
    return (c.getType() == int.class || c.getType() == Integer.class ? "an " : "a ") + kind(c.getType());
  }

  private static String kind(Class<?> t) {
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "integer";
    }
    if (t == double.class || t == Double.class) {
      return "number";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "boolean";
    }
    return t == String.class ? "string" : t.getSimpleName();
  }
}
