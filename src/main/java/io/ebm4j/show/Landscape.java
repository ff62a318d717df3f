package io.ebm4j.show;

import io.ebm4j.estimate.GridDensity;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A 2-D density as a heatmap with walkers drawn on top: what an energy landscape looks like and where the sampler
 * thinks the mass is. The result is a plain image (notebooks show it inline; {@link Figures#savePng} saves it).
 *
 * <pre>{@code
 * BufferedImage img = Landscape.of(GridDensity.of(model, lo, hi, 201), "model density", walkers, weights);
 * }</pre>
 */
public final class Landscape {
  private static final int SIZE = 480;
  private static final int MARGIN = 30;
  private static final Color[] PALETTE = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
      new Color(94, 201, 98), new Color(253, 231, 37)};

  private Landscape() {}

  /**
   * The grid's density (square-root scale, so that light modes stay visible) with the title above and, when
   * positions are given ([N, 2] values as x0, y0, x1, y1...), up to 2000 walkers as dots whose opacity follows
   * their weight (weights may be null).
   */
  public static BufferedImage of(GridDensity g, String title, double[] positions, double[] weights) {
    int n = g.points();
    double[] p = g.probabilities();
    double max = 0;
    for (double v : p) {
      max = Math.max(max, v);
    }
    BufferedImage img = new BufferedImage(SIZE + 2 * MARGIN, SIZE + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D gr = img.createGraphics();
    gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    gr.setColor(Color.WHITE);
    gr.fillRect(0, 0, img.getWidth(), img.getHeight());
    double cell = (double) SIZE / n;
    for (int i = 0; i < p.length; i++) {
      int ix = i % n;
      int iy = i / n;
      gr.setColor(color(Math.sqrt(p[i] / max)));
      gr.fillRect(MARGIN + (int) Math.floor(ix * cell), MARGIN + SIZE - (int) Math.ceil((iy + 1) * cell),
          (int) Math.ceil(cell) + 1, (int) Math.ceil(cell) + 1);
    }
    double[] lo = g.point(0);
    double[] hi = g.point(p.length - 1);
    if (positions != null) {
      int walkers = positions.length / 2;
      int stride = Math.max(1, walkers / 2000);
      double wmax = 0;
      if (weights != null) {
        for (double w : weights) {
          wmax = Math.max(wmax, w);
        }
      }
      for (int i = 0; i < walkers; i += stride) {
        double a = weights == null || wmax == 0 ? 0.8 : 0.15 + 0.85 * weights[i] / wmax;
        gr.setColor(new Color(1f, 0.2f, 0.2f, (float) Math.min(1, a)));
        int px = MARGIN + (int) ((positions[2 * i] - lo[0]) / (hi[0] - lo[0]) * SIZE);
        int py = MARGIN + SIZE - (int) ((positions[2 * i + 1] - lo[1]) / (hi[1] - lo[1]) * SIZE);
        gr.fillOval(px - 2, py - 2, 4, 4);
      }
    }
    gr.setColor(Color.BLACK);
    gr.setStroke(new BasicStroke(1f));
    gr.drawRect(MARGIN, MARGIN, SIZE, SIZE);
    gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    gr.drawString(title, MARGIN, MARGIN - 10);
    gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    gr.drawString(String.format(java.util.Locale.ROOT, "x: [%.3g, %.3g]   y: [%.3g, %.3g]", lo[0], hi[0], lo[1],
        hi[1]), MARGIN, MARGIN + SIZE + 18);
    gr.dispose();
    return img;
  }

  private static Color color(double t) {
    double s = Math.max(0, Math.min(1, t)) * (PALETTE.length - 1);
    int k = Math.min(PALETTE.length - 2, (int) s);
    double f = s - k;
    Color a = PALETTE[k];
    Color b = PALETTE[k + 1];
    return new Color((int) (a.getRed() + f * (b.getRed() - a.getRed())),
        (int) (a.getGreen() + f * (b.getGreen() - a.getGreen())), (int) (a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }
}
