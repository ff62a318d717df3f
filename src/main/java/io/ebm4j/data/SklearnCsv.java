package io.ebm4j.data;

import io.ebm4j.nd.Batches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reader of scikit-learn's bundled CSV files: d numeric columns then an integer label per line. iris.csv and
 * wine_data.csv start with a header "n,d,class names..."; digits.csv.gz has none. Gzipped when the name ends in
 * ".gz". Every deviation is a {@link DatasetException} naming the file, the line and what was expected.
 */
final class SklearnCsv {
  private SklearnCsv() {}

  /**
   * Reads the file.
   *
   * @param opened the stream and its description
   * @param header whether the first line is scikit-learn's "n,d,..." header
   * @param rows the expected number of rows
   * @param featureNames the d feature names
   * @param classes the expected number of classes (labels 0..classes-1)
   */
  static LabeledData read(DatasetFiles.Opened opened, String name, boolean header, int rows,
      List<String> featureNames, int classes) {
    String file = opened.where();
    int d = featureNames.size();
    INDArray x = Batches.zeros(rows, d);
    DoubleBuffer b = Batches.buffer(x);
    int[] labels = new int[rows];
    try (InputStream raw = opened.in();
        InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int lineNo = 0;
      String line;
      if (header) {
        line = r.readLine();
        lineNo++;
        String[] h = line == null ? new String[0] : line.split(",");
        if (h.length < 2 || !h[0].trim().equals(String.valueOf(rows)) || !h[1].trim().equals(String.valueOf(d))) {
          throw new DatasetException(file + ", line 1: expected the header \"" + rows + "," + d
              + ",<class names>\", got " + (line == null ? "an empty file" : "\"" + line + "\""));
        }
      }
      int i = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if (i == rows) {
          throw new DatasetException(file + ", line " + lineNo + ": expected " + rows + " data rows, found more");
        }
        String[] f = line.split(",", -1);
        if (f.length != d + 1) {
          throw new DatasetException(file + ", line " + lineNo + ": expected " + (d + 1)
              + " comma-separated values (" + d + " features and a label), got " + f.length);
        }
        for (int j = 0; j < d; j++) {
          double v = parse(f[j], file, lineNo, j + 1);
          b.put(i * d + j, v);
        }
        double lab = parse(f[d], file, lineNo, d + 1);
        if (lab != Math.rint(lab) || lab < 0 || lab >= classes) {
          throw new DatasetException(file + ", line " + lineNo + ": expected an integer label in [0, " + (classes - 1)
              + "] in column " + (d + 1) + ", got \"" + f[d] + "\"");
        }
        labels[i++] = (int) lab;
      }
      if (i != rows) {
        throw new DatasetException(file + ": expected " + rows + " data rows, found " + i);
      }
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + " (expected " + rows + " rows of " + d
          + " features and a label): " + e, e);
    }
    return new LabeledData(x, labels, featureNames, name);
  }

  private static double parse(String s, String file, int line, int column) {
    try {
      double v = Double.parseDouble(s.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DatasetException(file + ", line " + line + ": expected a finite number in column " + column + ", got \""
        + s + "\"");
  }

  static List<String> pixelNames(int rows, int cols) {
    List<String> names = new ArrayList<>(rows * cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        names.add("pixel_" + r + "_" + c);
      }
    }
    return names;
  }
}
