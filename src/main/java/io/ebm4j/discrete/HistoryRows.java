package io.ebm4j.discrete;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Rows of named numbers keyed by an integer step, turned into a Tablesaw table (missing values are NaN). */
final class HistoryRows {
  private final String stepName;
  private final List<Integer> steps = new ArrayList<>();
  private final List<Map<String, Double>> rows = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  HistoryRows(String stepName) {
    this.stepName = stepName;
  }

  void add(int step, Map<String, Double> row) {
    steps.add(step);
    rows.add(new LinkedHashMap<>(row));
    for (String k : row.keySet()) {
      if (!names.contains(k)) {
        names.add(k);
      }
    }
  }

  Table table(String title) {
    Table t = Table.create(title);
    t.addColumns(IntColumn.create(stepName, steps.stream().mapToInt(Integer::intValue).toArray()));
    for (String k : names) {
      double[] col = new double[rows.size()];
      for (int i = 0; i < col.length; i++) {
        Double v = rows.get(i).get(k);
        col[i] = v == null ? Double.NaN : v;
      }
      t.addColumns(DoubleColumn.create(k, col));
    }
    return t;
  }
}
