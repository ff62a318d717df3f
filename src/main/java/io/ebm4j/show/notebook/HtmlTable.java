package io.ebm4j.show.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as small, self-contained HTML (what a notebook shows as {@code text/html}).
 *
 * <p>Every header, cell and caption is escaped; a table longer than the row limit shows its first rows and a last
 * row saying {@code ... N more rows}.
 */
public final class HtmlTable {
  /** Rows shown when no limit is given. */
  public static final int DEFAULT_MAX_ROWS = 20;

  private HtmlTable() {}

  /** The table as HTML, at most {@link #DEFAULT_MAX_ROWS} rows. */
  public static String render(Table table) {
    return render(table, DEFAULT_MAX_ROWS);
  }

  /** The table as HTML, at most maxRows rows (0 shows only the header and the count of hidden rows). */
  public static String render(Table table, int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, was " + maxRows);
    }
    int rows = table.rowCount();
    int cols = table.columnCount();
    int shown = Math.min(rows, maxRows);
    StringBuilder sb = new StringBuilder(64 + 32 * (shown + 1) * Math.max(1, cols));
    sb.append("<table class=\"ebm4j-table\" style=\"border-collapse:collapse;font-family:monospace\">");
    String name = table.name();
    if (name != null && !name.isBlank()) {
      sb.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(name))
          .append(" <span style=\"font-weight:normal;color:#666\">(").append(rows).append(" rows &times; ")
          .append(cols).append(" columns)</span></caption>");
    }
    sb.append("<thead><tr>");
    for (int c = 0; c < cols; c++) {
      sb.append("<th style=\"text-align:right;padding:2px 8px;border-bottom:1px solid #999\">")
          .append(escape(table.column(c).name())).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    for (int r = 0; r < shown; r++) {
      sb.append("<tr>");
      for (int c = 0; c < cols; c++) {
        Column<?> col = table.column(c);
        sb.append("<td style=\"text-align:right;padding:2px 8px\">").append(escape(cell(col, r)))
            .append("</td>");
      }
      sb.append("</tr>");
    }
    if (rows > shown) {
      int more = rows - shown;
      sb.append("<tr><td colspan=\"").append(Math.max(1, cols))
          .append("\" style=\"text-align:left;padding:2px 8px;color:#666\">... ").append(more)
          .append(more == 1 ? " more row" : " more rows").append("</td></tr>");
    }
    sb.append("</tbody></table>");
    return sb.toString();
  }

  /** A cell as text: floating-point numbers with 4 significant digits (integers without decimals), others as is. */
  static String cell(Column<?> col, int r) {
    if (col instanceof tech.tablesaw.api.DoubleColumn d && !d.isMissing(r)) {
      double x = d.getDouble(r);
      if (x == Math.rint(x) && Math.abs(x) < 1e15) {
        return String.valueOf((long) x);
      }
      return String.format(java.util.Locale.ROOT, "%.4g", x);
    }
    return col.getString(r);
  }

  /** The table as plain text (for front ends without HTML), at most maxRows rows. */
  public static String text(Table table, int maxRows) {
    String head = table.print(Math.min(maxRows, table.rowCount()));
    int more = table.rowCount() - Math.min(maxRows, table.rowCount());
    return more > 0 ? head + "\n... " + more + (more == 1 ? " more row" : " more rows") : head;
  }

  /** Escapes text for an HTML element or a quoted attribute: {@code & < > " '}. Null becomes the empty string. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      String rep = switch (ch) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(ch);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
