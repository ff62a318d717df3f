package io.ebm4j.show;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as GitHub-flavoured markdown, numbers with 4 significant digits. */
public final class Markdown {
  private Markdown() {}

  /** The table as a markdown table (all rows). */
  public static String table(Table t) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : t.columnNames()) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < t.columnCount(); i++) {
      sb.append("---|");
    }
    sb.append('\n');
    for (int r = 0; r < t.rowCount(); r++) {
      sb.append('|');
      for (Column<?> c : t.columns()) {
        String v;
        if (c instanceof NumericColumn<?> n) {
          double x = n.getDouble(r);
          v = x == Math.rint(x) && Math.abs(x) < 1e9 ? String.valueOf((long) x) : String.format("%.4g", x);
        } else {
          v = c.getString(r);
        }
        sb.append(' ').append(v.replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
