package io.ebm4j.show;

import io.ebm4j.nd.Batches;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A grid of small grey-scale images, e.g. RBM filters or samples of 8x8 digits: row i of a batch [N, height * width]
 * is tile i (row-major pixels), tiles fill the grid row by row, separated by a one-pixel border. Values are shown on a
 * fixed range (samples, probabilities: 0 black, 1 white) or each tile on its own range (filters, whose scale differs
 * from unit to unit).
 *
 * <pre>{@code
 * BufferedImage img = ImageGrid.of(samples, 8, 8).columns(10).scale(6).render();      // values in [0, 1]
 * BufferedImage filters = ImageGrid.of(rbm.weights(), 8, 8).eachOwnRange().render();
 * Figure f = Figure.of(img, "samples");
 * }</pre>
 */
public final class ImageGrid {
  private final double[] values;
  private final int n;
  private final int height;
  private final int width;
  private int columns;
  private int scale = 4;
  private boolean ownRange;
  private double low = 0;
  private double high = 1;

  private ImageGrid(double[] values, int n, int height, int width) {
    this.values = values;
    this.n = n;
    this.height = height;
    this.width = width;
    this.columns = Math.max(1, (int) Math.ceil(Math.sqrt(n)));
  }

  /** Tiles from the rows of images [N, height * width]. */
  public static ImageGrid of(INDArray images, int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("height and width must be at least 1, got " + height + " and " + width);
    }
    INDArray a = Batches.requireBatch(images, height * width, "images");
    if (a.rows() < 1) {
      throw new IllegalArgumentException("images must have at least one row, got 0");
    }
    return new ImageGrid(Batches.toArray(a), (int) a.rows(), height, width);
  }

  /** Tiles per row of the grid (default: about the square root of N). */
  public ImageGrid columns(int c) {
    if (c < 1) {
      throw new IllegalArgumentException("columns must be at least 1, got " + c);
    }
    this.columns = c;
    return this;
  }

  /** Screen pixels per image pixel (default 4). */
  public ImageGrid scale(int s) {
    if (s < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + s);
    }
    this.scale = s;
    return this;
  }

  /** Values low .. high map to black .. white, clipped (default 0 .. 1). */
  public ImageGrid range(double lo, double hi) {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("range must satisfy low < high, both finite, got " + lo + " and " + hi);
    }
    this.low = lo;
    this.high = hi;
    this.ownRange = false;
    return this;
  }

  /** Each tile on its own range, from its smallest (black) to its largest value (white). */
  public ImageGrid eachOwnRange() {
    this.ownRange = true;
    return this;
  }

  /** The grid as an image (grey tiles on a dark-grey background). */
  public BufferedImage render() {
    int rows = (n + columns - 1) / columns;
    int tw = width * scale + 1;
    int th = height * scale + 1;
    BufferedImage img = new BufferedImage(columns * tw + 1, rows * th + 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(90, 90, 120));
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    int d = height * width;
    for (int t = 0; t < n; t++) {
      double lo = low;
      double hi = high;
      if (ownRange) {
        lo = Double.POSITIVE_INFINITY;
        hi = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < d; q++) {
          lo = Math.min(lo, values[t * d + q]);
          hi = Math.max(hi, values[t * d + q]);
        }
        if (!(hi > lo)) {
          hi = lo + 1;
        }
      }
      int x0 = 1 + (t % columns) * tw;
      int y0 = 1 + (t / columns) * th;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          double v = (values[t * d + r * width + c] - lo) / (hi - lo);
          int grey = (int) Math.round(255 * Math.max(0, Math.min(1, Double.isFinite(v) ? v : 0)));
          g.setColor(new Color(grey, grey, grey));
          g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
        }
      }
    }
    g.dispose();
    return img;
  }
}
