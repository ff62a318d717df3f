package io.ebm4j.show;

import io.ebm4j.estimate.GridDensity;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 2-D densities as heatmaps with walkers drawn on top: what an energy landscape looks like and where the sampler
 * thinks the mass is. Several panels share one colour scale (so that their colours compare), shown by one colour
 * bar: colour follows the square root of the density (light modes stay visible), and the bar's ticks are density
 * values. Axes carry ticks in the model's coordinates; walkers outside the grid's box are left out and counted.
 *
 * <pre>{@code
 * Figure f = Landscape.panels("Learned densities (seed 0)", List.of(
 *     new Landscape.Panel(GridDensity.of(target, lo, hi, 201), "target", null, null),
 *     new Landscape.Panel(GridDensity.of(model, lo, hi, 201), "Jarzynski", walkers, weights)));
 * f.saveSvg(Path.of("landscapes.svg"));
 * BufferedImage img = Landscape.of(GridDensity.of(model, lo, hi, 201), "model density", walkers, weights);
 * }</pre>
 */
public final class Landscape {
  private static final int PLOT = 360;
  private static final int LEFT = 62;
  private static final int GAP = 70;
  private static final int TOP = 74;
  private static final int BOTTOM = 78;
  private static final int BAR_GAP = 26;
  private static final int BAR = 16;
  private static final int RIGHT = 100;
  private static final int MAX_WALKERS = 2000;
  private static final Color[] VIRIDIS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
      new Color(94, 201, 98), new Color(253, 231, 37)};
  private static final Color WALKER = Palette.VERMILLION;

  private Landscape() {}

  /**
   * One panel: a grid density (2-D), a title, and optionally walkers ([N, 2] values as x0, y0, x1, y1...) whose
   * opacity follows their weight (weights may be null: equal).
   *
   * @param grid the density on a 2-D grid
   * @param title the panel's title
   * @param positions walker positions, or null
   * @param weights walker weights, or null
   */
  public record Panel(GridDensity grid, String title, double[] positions, double[] weights) {
    public Panel {
      if (grid == null) {
        throw new IllegalArgumentException("grid must not be null");
      }
      if (grid.point(0).length != 2) {
        throw new IllegalArgumentException("a landscape needs a 2-D grid, got d = " + grid.point(0).length);
      }
      if (positions != null && positions.length % 2 != 0) {
        throw new IllegalArgumentException("positions must hold x, y pairs, got " + positions.length + " values");
      }
      if (positions != null && weights != null && weights.length != positions.length / 2) {
        throw new IllegalArgumentException("weights must have one value per walker (" + positions.length / 2
            + "), got " + weights.length);
      }
      title = title == null ? "" : title;
    }
  }

  /** Panels side by side under one title, with one colour bar for all of them. */
  public static Figure panels(String title, List<Panel> panels) {
    if (panels == null || panels.isEmpty()) {
      throw new IllegalArgumentException("panels must hold at least one panel, got " + panels);
    }
    List<Panel> ps = List.copyOf(panels);
    int width = LEFT + ps.size() * PLOT + (ps.size() - 1) * GAP + BAR_GAP + BAR + RIGHT;
    int height = TOP + PLOT + BOTTOM;
    double vmax = 0;
    for (Panel p : ps) {
      vmax = Math.max(vmax, maxDensity(p.grid()));
    }
    double top = vmax;
    String t = title == null ? "" : title;
    return Figure.drawing(t, width, height, g -> paint(g, t, ps, top, width));
  }

  /** One panel with its own colour bar, as a figure. */
  public static Figure figure(GridDensity g, String title, double[] positions, double[] weights) {
    return panels(title, List.of(new Panel(g, "", positions, weights)));
  }

  /**
   * The grid's density with the title above, axis ticks, a colour bar and, when positions are given, up to 2000
   * walkers as dots whose opacity follows their weight (weights may be null), as an image.
   */
  public static BufferedImage of(GridDensity g, String title, double[] positions, double[] weights) {
    return figure(g, title, positions, weights).image();
  }

  /** Density per unit area at each grid point: probability over cell area. */
  static double[] densities(GridDensity g) {
    double[] p = g.probabilities();
    double area = cellArea(g);
    for (int i = 0; i < p.length; i++) {
      p[i] /= area;
    }
    return p;
  }

  private static double cellArea(GridDensity g) {
    double[] a = g.point(0);
    double[] b = g.point(g.points() + 1);
    return (b[0] - a[0]) * (b[1] - a[1]);
  }

  private static double maxDensity(GridDensity g) {
    double m = 0;
    for (double v : densities(g)) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static void paint(Graphics2D g, String title, List<Panel> panels, double vmax, int width) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    centered(g, title, width / 2.0, 24);
    for (int k = 0; k < panels.size(); k++) {
      panel(g, panels.get(k), LEFT + k * (PLOT + GAP), vmax);
    }
    colourBar(g, LEFT + panels.size() * PLOT + (panels.size() - 1) * GAP + BAR_GAP, vmax, panels.size() > 1);
  }

  private static void panel(Graphics2D g, Panel p, int x0, double vmax) {
    GridDensity grid = p.grid();
    int n = grid.points();
    double[] d = densities(grid);
    BufferedImage heat = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < d.length; i++) {
      heat.setRGB(i % n, n - 1 - i / n, colour(vmax > 0 ? Math.sqrt(d[i] / vmax) : 0).getRGB());
    }
    // grid points are cell centres: the frame reaches half a cell beyond the first and last points
    double[] first = grid.point(0);
    double[] last = grid.point(n * n - 1);
    double hx = 0.5 * (last[0] - first[0]) / (n - 1);
    double hy = 0.5 * (last[1] - first[1]) / (n - 1);
    double xlo = first[0] - hx;
    double xhi = last[0] + hx;
    double ylo = first[1] - hy;
    double yhi = last[1] + hy;
    Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(heat, x0, TOP, PLOT, PLOT, null);
    if (interpolation != null) {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
    }
    String note = "";
    if (p.positions() != null) {
      note = walkers(g, p, x0, xlo, xhi, ylo, yhi);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x0, TOP, PLOT, PLOT));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    centered(g, p.title(), x0 + PLOT / 2.0, TOP - 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    centered(g, note, x0 + PLOT / 2.0, TOP - 8);
    // ticks
    Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    g.setFont(tickFont);
    FontMetrics fm = g.getFontMetrics();
    for (double v : ticks(xlo, xhi)) {
      double px = x0 + (v - xlo) / (xhi - xlo) * PLOT;
      g.draw(new java.awt.geom.Line2D.Double(px, TOP + PLOT, px, TOP + PLOT + 5));
      centered(g, format(v), px, TOP + PLOT + 7 + fm.getAscent());
    }
    for (double v : ticks(ylo, yhi)) {
      double py = TOP + PLOT - (v - ylo) / (yhi - ylo) * PLOT;
      g.draw(new java.awt.geom.Line2D.Double(x0 - 5, py, x0, py));
      String s = format(v);
      g.drawString(s, (float) (x0 - 8 - fm.stringWidth(s)), (float) (py + fm.getAscent() / 2.0 - 1));
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    centered(g, "x\u2081", x0 + PLOT / 2.0, TOP + PLOT + 40);
    var old = g.getTransform();
    g.rotate(-Math.PI / 2, x0 - 40, TOP + PLOT / 2.0);
    centered(g, "x\u2082", x0 - 40, TOP + PLOT / 2.0 + 4);
    g.setTransform(old);
  }

  /** Draws the walkers inside the frame (clipped), returns a note on how many are shown. */
  private static String walkers(Graphics2D g, Panel p, int x0, double xlo, double xhi, double ylo, double yhi) {
    double[] pos = p.positions();
    double[] w = p.weights();
    int walkers = pos.length / 2;
    int stride = Math.max(1, (walkers + MAX_WALKERS - 1) / MAX_WALKERS);
    double wmax = 0;
    if (w != null) {
      for (double v : w) {
        wmax = Math.max(wmax, v);
      }
    }
    Shape clip = g.getClip();
    g.clip(new Rectangle2D.Double(x0, TOP, PLOT, PLOT));
    int shown = 0;
    int outside = 0;
    for (int i = 0; i < walkers; i++) {
      double x = pos[2 * i];
      double y = pos[2 * i + 1];
      boolean inside = x >= xlo && x <= xhi && y >= ylo && y <= yhi;
      if (!inside) {
        outside++;
        continue;
      }
      if (i % stride != 0) {
        continue;
      }
      double a = w == null || wmax == 0 ? 0.75 : 0.1 + 0.9 * w[i] / wmax;
      g.setColor(new Color(WALKER.getRed(), WALKER.getGreen(), WALKER.getBlue(), (int) Math.round(255 * a)));
      double px = x0 + (x - xlo) / (xhi - xlo) * PLOT;
      double py = TOP + PLOT - (y - ylo) / (yhi - ylo) * PLOT;
      g.fill(new Ellipse2D.Double(px - 2, py - 2, 4, 4));
      shown++;
    }
    g.setClip(clip);
    String s = (shown == walkers - outside ? shown + " walkers" : shown + " of " + (walkers - outside) + " walkers")
        + (w != null ? ", opacity \u221D weight" : "");
    return outside > 0 ? s + "; " + outside + " outside the frame" : s;
  }

  private static void colourBar(Graphics2D g, int x0, double vmax, boolean shared) {
    BufferedImage bar = new BufferedImage(1, 256, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 256; i++) {
      bar.setRGB(0, 255 - i, colour(i / 255.0).getRGB());
    }
    g.drawImage(bar, x0, TOP, BAR, PLOT, null);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x0, TOP, BAR, PLOT));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    // ticks at round densities; position = sqrt(value / vmax)
    for (double v : ticks(0, vmax)) {
      double py = TOP + PLOT - Math.sqrt(v / vmax) * PLOT;
      g.draw(new java.awt.geom.Line2D.Double(x0 + BAR, py, x0 + BAR + 4, py));
      g.drawString(format(v), (float) (x0 + BAR + 7), (float) (py + fm.getAscent() / 2.0 - 1));
    }
    var old = g.getTransform();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.rotate(Math.PI / 2, x0 + BAR + 66, TOP + PLOT / 2.0);
    centered(g, "density \u03C1(x) (colour \u221D \u221A\u03C1" + (shared ? ", same scale in every panel)" : ")"),
        x0 + BAR + 66, TOP + PLOT / 2.0);
    g.setTransform(old);
  }

  /** About five round ticks in [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
  static List<Double> ticks(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    if (!(hi > lo)) {
      out.add(lo);
      return out;
    }
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / mag;
    double step = (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
    for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
      out.add(Math.abs(v) < 1e-12 * step ? 0.0 : v);
    }
    return out;
  }

  private static String format(double v) {
    DecimalFormat f = v != 0 && Math.abs(v) < 1e-3 ? new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(
        Locale.ROOT)) : new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(v);
  }

  private static void centered(Graphics2D g, String s, double x, double y) {
    if (s == null || s.isEmpty()) {
      return;
    }
    g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
  }

  private static Color colour(double t) {
    double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int k = Math.min(VIRIDIS.length - 2, (int) s);
    double f = s - k;
    Color a = VIRIDIS[k];
    Color b = VIRIDIS[k + 1];
    return new Color((int) (a.getRed() + f * (b.getRed() - a.getRed())),
        (int) (a.getGreen() + f * (b.getGreen() - a.getGreen())), (int) (a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }
}
