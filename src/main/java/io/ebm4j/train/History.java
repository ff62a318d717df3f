package io.ebm4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Collects one row of named numbers per logged training step and turns them into a Tablesaw table. Columns appear
 * in first-seen order; a value missing from a row is NaN.
 */
final class History {
  private final List<Integer> steps = new ArrayList<>();
  private final Map<String, double[]> columns = new LinkedHashMap<>();
  private int size;

  void add(int step, Map<String, Double> row) {
    for (Map.Entry<String, Double> en : row.entrySet()) {
      double[] col = columns.computeIfAbsent(en.getKey(), k -> {
        double[] c = new double[Math.max(16, size * 2)];
        Arrays.fill(c, Double.NaN);
        return c;
      });
      if (col.length <= size) {
        int old = col.length;
        col = Arrays.copyOf(col, Math.max(16, 2 * size));
        Arrays.fill(col, old, col.length, Double.NaN);
        columns.put(en.getKey(), col);
      }
      col[size] = en.getValue() == null ? Double.NaN : en.getValue();
    }
    for (Map.Entry<String, double[]> en : columns.entrySet()) {
      if (!row.containsKey(en.getKey())) {
        double[] col = en.getValue();
        if (col.length <= size) {
          int old = col.length;
          col = Arrays.copyOf(col, Math.max(16, 2 * size));
          Arrays.fill(col, old, col.length, Double.NaN);
          en.setValue(col);
        }
        col[size] = Double.NaN;
      }
    }
    steps.add(step);
    size++;
  }

  /** Appends the rows of a table written by {@link #table} (resuming from a checkpoint). */
  void addAll(Table t) {
    java.util.List<String> cols = t.columnNames().stream().filter(c -> !c.equals("step")).toList();
    for (int i = 0; i < t.rowCount(); i++) {
      Map<String, Double> row = new LinkedHashMap<>();
      for (String c : cols) {
        row.put(c, ((tech.tablesaw.api.NumericColumn<?>) t.column(c)).getDouble(i));
      }
      add((int) ((tech.tablesaw.api.NumericColumn<?>) t.column("step")).getDouble(i), row);
    }
  }

  Table table(String name) {
    Table t = Table.create(name);
    t.addColumns(IntColumn.create("step", steps.stream().mapToInt(Integer::intValue).toArray()));
    for (Map.Entry<String, double[]> en : columns.entrySet()) {
      t.addColumns(DoubleColumn.create(en.getKey(), Arrays.copyOf(en.getValue(), size)));
    }
    return t;
  }
}
