package io.ebm4j.study;

import io.ebm4j.show.Figure;
import io.ebm4j.show.Figures;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Writes a result into a directory: per figure a PNG at {@link #PNG_SCALE} times the figure's pixel size (charts
 * 1600 x 1000, sharp on slides) and an SVG beside it (vector lines and text, for papers), one CSV per table
 * (history-KEY.csv), summary.csv, aggregate.csv and report.md. Every file goes to a temporary sibling first and is
 * moved into place, so an interrupted run never leaves a half-written file and never damages files of an earlier
 * run.
 */
final class ResultWriter {
  /** Pixels per side of a written PNG relative to the figure's size (2: for slides and high-density screens). */
  static final double PNG_SCALE = 2;

  private ResultWriter() {}

  static List<Path> write(Result r, Path dir) throws IOException {
    Files.createDirectories(dir);
    Figures.removeStaleTemporaries(dir, false);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Figure> en : r.figures().entrySet()) {
      written.add(en.getValue().savePng(dir.resolve(file(en.getKey()) + ".png"), PNG_SCALE));
      written.add(en.getValue().saveSvg(dir.resolve(file(en.getKey()) + ".svg")));
    }
    for (Map.Entry<String, Table> en : r.tables().entrySet()) {
      written.add(csv(en.getValue(), dir.resolve("history-" + file(en.getKey()) + ".csv")));
    }
    written.add(csv(r.summary(), dir.resolve("summary.csv")));
    written.add(csv(r.aggregate(), dir.resolve("aggregate.csv")));
    StringBuilder report = new StringBuilder(r.report());
    report.append("\n## Figures\n\nPNG at ").append((int) PNG_SCALE)
        .append("x the figure size; an SVG of each figure lies beside its PNG.\n\n");
    for (Path p : written) {
      if (p.getFileName().toString().endsWith(".png")) {
        report.append("![").append(p.getFileName()).append("](").append(p.getFileName()).append(")\n");
      }
    }
    written.add(Figures.writeAtomically(dir.resolve("report.md"), report.toString()
        .getBytes(StandardCharsets.UTF_8)));
    return written;
  }

  /** A key as a file name: path separators of merged results become "__". */
  private static String file(String key) {
    return key.replace('/', '_').replace('\\', '_').replace(' ', '_');
  }

  private static Path csv(Table t, Path path) throws IOException {
    StringWriter w = new StringWriter();
    t.write().csv(w);
    return Figures.writeAtomically(path, w.toString().getBytes(StandardCharsets.UTF_8));
  }
}
