package io.ebm4j.cli;

import io.ebm4j.experiment.Result;
import io.ebm4j.show.Figures;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Writes an experiment's result into a directory: one PNG per figure, one CSV per table, summary.csv and
 * report.md. Every file is written to a temporary sibling and moved into place, so an interrupted run never leaves
 * a half-written file and never damages files from an earlier run.
 */
final class OutputWriter {
  private OutputWriter() {}

  static List<Path> write(Result r, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Chart<?, ?>> en : r.figures().entrySet()) {
      written.add(Figures.savePng(en.getValue(), dir.resolve(en.getKey() + ".png")));
    }
    for (Map.Entry<String, java.awt.image.BufferedImage> en : r.images().entrySet()) {
      written.add(Figures.savePng(en.getValue(), dir.resolve(en.getKey() + ".png")));
    }
    for (Map.Entry<String, Table> en : r.tables().entrySet()) {
      written.add(csv(en.getValue(), dir.resolve("history-" + en.getKey() + ".csv")));
    }
    written.add(csv(r.summary(), dir.resolve("summary.csv")));
    StringBuilder report = new StringBuilder(r.report());
    report.append("\n## Files\n\n");
    for (Path p : written) {
      if (p.getFileName().toString().endsWith(".png")) {
        report.append("![").append(p.getFileName()).append("](").append(p.getFileName()).append(")\n");
      }
    }
    written.add(Figures.writeAtomically(dir.resolve("report.md"), report.toString()
        .getBytes(StandardCharsets.UTF_8)));
    return written;
  }

  private static Path csv(Table t, Path path) throws IOException {
    StringWriter w = new StringWriter();
    t.write().csv(w);
    return Figures.writeAtomically(path, w.toString().getBytes(StandardCharsets.UTF_8));
  }
}
