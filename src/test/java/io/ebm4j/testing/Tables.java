package io.ebm4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Assertions on Tablesaw tables. */
public final class Tables {
  private Tables() {}

  /**
   * Same columns, same rows, and every number equal bit for bit, timing columns aside: by the project's convention
   * every column that measures time has "seconds" in its name (seconds, trainSeconds, cpuSecondsPer1000Steps...).
   */
  public static void assertSameNumbers(Table a, Table b) {
    assertEquals(a.columnNames(), b.columnNames());
    assertEquals(a.rowCount(), b.rowCount());
    for (String c : a.columnNames()) {
      if (c.toLowerCase(java.util.Locale.ROOT).contains("seconds")) {
        continue;
      }
      for (int i = 0; i < a.rowCount(); i++) {
        if (a.column(c) instanceof NumericColumn<?> x) {
          double u = x.getDouble(i);
          double v = ((NumericColumn<?>) b.column(c)).getDouble(i);
          assertEquals(Double.doubleToLongBits(u), Double.doubleToLongBits(v), c + " row " + i + ": " + u + " vs " + v);
        } else {
          assertEquals(a.column(c).getString(i), b.column(c).getString(i), c + " row " + i);
        }
      }
    }
  }
}
