package io.ebm4j.experiment;

import io.ebm4j.conditional.ConditionalEnergy;
import io.ebm4j.data.LabeledData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy-losses study's heat map: for a few test digits (drawn on the left) and for each
 * trained model, the row of energies E(y, x) over the ten answers, coloured from low (dark) to high (light) within
 * each panel (the digits' standardised pixels on a grey scale of their own range), with the correct answer outlined
 * in green and the inferred argmin marked with a dot.
 */
final class EnergyLossesHeatMap {
  private EnergyLossesHeatMap() {}

  private static final int CELL = 18;
  private static final int PIXEL = 2;
  private static final int PANELS_PER_ROW = 5;

  /**
   * Draws the panel for the first {@code count} rows of the (standardised) digits test part.
   */
  static BufferedImage draw(String title, Map<String, ConditionalEnergy> models, LabeledData test, int count) {
    int n = Math.min(count, test.size());
    INDArray x = test.x().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    int[] labels = test.labels();
    int k = 10;
    int thumb = 8 * PIXEL + 6;
    int panelW = k * CELL + 16;
    int perRow = Math.min(PANELS_PER_ROW, Math.max(1, models.size()));
    int panelRows = (Math.max(1, models.size()) + perRow - 1) / perRow;
    int panelH = n * CELL + 56;
    int left = thumb + 10;
    int width = left + perRow * panelW + 10;
    int height = 24 + panelRows * panelH + 16;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, 8, 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    // digits: the standardised pixels, shown on a grey scale of their own range, at the left of each row of panels
    for (int r = 0; r < panelRows; r++) {
      drawDigits(g, x, n, 24 + r * panelH + 40);
    }
    int p = 0;
    for (Map.Entry<String, ConditionalEnergy> en : models.entrySet()) {
      int x0 = left + (p % perRow) * panelW;
      int top = 24 + (p / perRow) * panelH + 40;
      drawPanel(g, en.getKey(), en.getValue().energies(x), labels, n, k, x0, top);
      p++;
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("dark = low energy, light = high (colours scaled within each panel); green box = correct answer,"
        + " dot = argmin", 8, height - 4);
    g.dispose();
    return img;
  }

  private static void drawDigits(Graphics2D g, INDArray x, int n, int top) {
    for (int i = 0; i < n; i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 64; j++) {
        lo = Math.min(lo, x.getDouble(i, j));
        hi = Math.max(hi, x.getDouble(i, j));
      }
      for (int j = 0; j < 64; j++) {
        float v = (float) ((x.getDouble(i, j) - lo) / Math.max(1e-12, hi - lo));
        g.setColor(new Color(1 - v, 1 - v, 1 - v));
        g.fillRect(4 + (j % 8) * PIXEL, top + i * CELL + (j / 8) * PIXEL, PIXEL, PIXEL);
      }
    }
  }

  private static void drawPanel(Graphics2D g, String name, INDArray e, int[] labels, int n, int k, int x0, int top) {
    g.setColor(Color.BLACK);
    g.drawString(name, x0, top - 18);
    for (int y = 0; y < k; y++) {
      g.drawString(String.valueOf(y), x0 + y * CELL + 5, top - 4);
    }
    double lo = e.minNumber().doubleValue();
    double hi = e.maxNumber().doubleValue();
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int y = 1; y < k; y++) {
        if (e.getDouble(i, y) < e.getDouble(i, best)) {
          best = y;
        }
      }
      for (int y = 0; y < k; y++) {
        float v = (float) (hi > lo ? (e.getDouble(i, y) - lo) / (hi - lo) : 0.5);
        g.setColor(Color.getHSBColor(0.66f - 0.5f * v, 0.8f, 0.25f + 0.75f * v));
        g.fillRect(x0 + y * CELL, top + i * CELL, CELL - 1, CELL - 1);
        if (y == labels[i]) {
          g.setColor(new Color(0, 200, 0));
          g.setStroke(new BasicStroke(2));
          g.drawRect(x0 + y * CELL + 1, top + i * CELL + 1, CELL - 3, CELL - 3);
        }
        if (y == best) {
          g.setColor(Color.WHITE);
          g.fillOval(x0 + y * CELL + CELL / 2 - 3, top + i * CELL + CELL / 2 - 3, 6, 6);
        }
      }
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(java.util.Locale.ROOT, "E in [%.2g, %.2g]", lo, hi), x0, top + n * CELL + 14);
  }
}
