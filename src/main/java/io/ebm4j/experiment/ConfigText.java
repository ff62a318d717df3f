package io.ebm4j.experiment;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A configuration record as ordered key=value strings (lists comma-separated), the form {@code --set} reads. */
public final class ConfigText {
  private ConfigText() {}

  /** Each record component's name and value. */
  public static Map<String, String> of(Record r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(r);
        m.put(c.getName(), v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
            : String.valueOf(v));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }
}
