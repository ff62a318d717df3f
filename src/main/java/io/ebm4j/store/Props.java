package io.ebm4j.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordered {@code key=value} text in UTF-8, escaped as Java properties (so {@link java.util.Properties#load(java.io.Reader)}
 * reads it too), read back in the order written.
 */
final class Props {
  private Props() {}

  static byte[] write(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      escape(sb, e.getKey(), true);
      sb.append('=');
      escape(sb, e.getValue(), false);
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void escape(StringBuilder sb, String s, boolean key) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\f' -> sb.append("\\f");
        case '=', ':', '#', '!' -> sb.append('\\').append(c);
        case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
        default -> sb.append(c);
      }
    }
  }

  /** Parses what {@link #write} writes (one entry per line, blank and {@code #} lines skipped). */
  static Map<String, String> read(byte[] bytes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      StringBuilder key = new StringBuilder();
      StringBuilder value = new StringBuilder();
      StringBuilder cur = key;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
          char n = line.charAt(++i);
          switch (n) {
            case 'n' -> cur.append('\n');
            case 'r' -> cur.append('\r');
            case 't' -> cur.append('\t');
            case 'f' -> cur.append('\f');
            case 'u' -> {
              if (i + 4 >= line.length()) {
                throw new IllegalArgumentException("bad \\u escape in line '" + line + "'");
              }
              cur.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
              i += 4;
            }
            default -> cur.append(n);
          }
        } else if (cur == key && (c == '=' || c == ':')) {
          cur = value;
        } else {
          cur.append(c);
        }
      }
      if (cur == key) {
        throw new IllegalArgumentException("line without '=': '" + line + "'");
      }
      out.put(key.toString(), value.toString());
    }
    return out;
  }
}
