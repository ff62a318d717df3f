package io.ebm4j.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table as RFC 4180 CSV in UTF-8 with a header row, numbers written so they read back bit for bit
 * ({@link Double#toString} is the shortest decimal that parses to the same double; NaN and infinities by name), a
 * missing integer as an empty field. The column types (INTEGER, LONG, DOUBLE, STRING) travel in the manifest.
 */
final class HistoryCsv {
  private HistoryCsv() {}

  /** The column types, comma-separated; an unsupported type fails naming the column. */
  static String types(Table t) {
    List<String> out = new ArrayList<>();
    for (Column<?> c : t.columns()) {
      ColumnType type = c.type();
      if (!(c instanceof IntColumn || c instanceof LongColumn || c instanceof DoubleColumn
          || c instanceof StringColumn)) {
        throw new IllegalArgumentException("history column '" + c.name() + "' has type " + type.name()
            + "; runs store INTEGER, LONG, DOUBLE and STRING columns");
      }
      out.add(type.name());
    }
    return String.join(",", out);
  }

  static byte[] write(Table t) {
    StringBuilder sb = new StringBuilder();
    int cols = t.columnCount();
    for (int j = 0; j < cols; j++) {
      field(sb.append(j == 0 ? "" : ","), t.column(j).name());
    }
    sb.append("\r\n");
    for (int i = 0; i < t.rowCount(); i++) {
      for (int j = 0; j < cols; j++) {
        if (j > 0) {
          sb.append(',');
        }
        Column<?> c = t.column(j);
        if (c instanceof DoubleColumn d) {
          sb.append(Double.toString(d.getDouble(i)));
        } else if (c.isMissing(i)) {
          sb.append(cols == 1 ? "\"\"" : ""); // a lone empty field would be a blank line
        } else if (c instanceof StringColumn s) {
          field(sb, s.get(i));
        } else {
          sb.append(c.getString(i));
        }
      }
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder sb, String s) {
    if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    } else {
      sb.append(s);
    }
  }

  /** Parses what {@link #write} writes into a table of the given types; bad content fails with what and where. */
  static Table read(byte[] bytes, String name, String types) {
    List<List<String>> rows = parse(new String(bytes, StandardCharsets.UTF_8));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no header row");
    }
    List<String> header = rows.get(0);
    String[] ts = types.isEmpty() ? new String[0] : types.split(",");
    if (ts.length != header.size()) {
      throw new IllegalArgumentException("header has " + header.size() + " columns, the manifest lists " + ts.length
          + " types");
    }
    Table t = Table.create(name);
    for (int j = 0; j < ts.length; j++) {
      String col = header.get(j);
      Column<?> c = switch (ts[j]) {
        case "INTEGER" -> IntColumn.create(col);
        case "LONG" -> LongColumn.create(col);
        case "DOUBLE" -> DoubleColumn.create(col);
        case "STRING" -> StringColumn.create(col);
        default -> throw new IllegalArgumentException("column '" + col + "' has unknown type " + ts[j]);
      };
      t.addColumns(c);
    }
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() != ts.length) {
        throw new IllegalArgumentException("row " + i + " has " + r.size() + " fields, expected " + ts.length);
      }
      for (int j = 0; j < ts.length; j++) {
        String s = r.get(j);
        try {
          switch (ts[j]) {
            case "INTEGER" -> {
              if (s.isEmpty()) {
                ((IntColumn) t.column(j)).appendMissing();
              } else {
                ((IntColumn) t.column(j)).append(Integer.parseInt(s));
              }
            }
            case "LONG" -> {
              if (s.isEmpty()) {
                ((LongColumn) t.column(j)).appendMissing();
              } else {
                ((LongColumn) t.column(j)).append(Long.parseLong(s));
              }
            }
            case "DOUBLE" -> ((DoubleColumn) t.column(j)).append(Double.parseDouble(s));
            default -> ((StringColumn) t.column(j)).append(s);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("row " + i + " column '" + header.get(j) + "' holds '" + s
              + "', not a " + ts[j], e);
        }
      }
    }
    return t;
  }

  private static List<List<String>> parse(String s) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
        any = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || f.length() > 0 || !row.isEmpty()) {
          row.add(f.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        f.setLength(0);
        any = false;
      } else {
        f.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (any || f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }
}
