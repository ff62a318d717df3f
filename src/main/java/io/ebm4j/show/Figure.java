package io.ebm4j.show;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of a study: an XChart chart, a Java2D drawing (energy landscapes) or a rendered image, with a title;
 * saved atomically as PNG (at a stated scale), SVG or PDF, and displayed inline in notebooks. Keeps XChart's
 * internal chart type out of the public API.
 *
 * <p>Sizes are in pixels at scale 1 (charts 800 x 500). {@link #savePng(Path, double)} renders at {@code scale}
 * times as many pixels per side (2 for slides and high-density screens) and records 72 x scale dpi in the PNG, so
 * that it prints at the size of the PDF, whose page is the figure's size in points. SVG and PDF keep lines and text
 * as vectors; rasters inside a figure (a density heatmap, a plain image) are embedded as PNG.
 *
 * <pre>{@code
 * Figure f = Figure.of(Plots.history(run, "massOfB"));
 * f.savePng(Path.of("mass.png"));            // 800 x 500
 * f.savePng(Path.of("mass@2x.png"), 2);      // 1600 x 1000, for slides
 * f.saveSvg(Path.of("mass.svg"));            // for a paper
 * f.savePdf(Path.of("mass.pdf"));
 * XYChart c = f.xy();                        // the chart, to restyle it
 * }</pre>
 */
public final class Figure {
  private final Chart<?, ?> chart;
  private final String title;
  private final int width;
  private final int height;
  private final Consumer<Graphics2D> painter;
  private final boolean raster;

  private Figure(Chart<?, ?> chart, String title, int width, int height, Consumer<Graphics2D> painter,
      boolean raster) {
    this.chart = chart;
    this.title = title;
    this.width = width;
    this.height = height;
    this.painter = painter;
    this.raster = raster;
  }

  /** A figure of an XChart chart (any kind). */
  public static Figure of(Chart<?, ?> chart) {
    Objects.requireNonNull(chart, "chart");
    return new Figure(chart, chart.getTitle(), chart.getWidth(), chart.getHeight(),
        g -> chart.paint(g, chart.getWidth(), chart.getHeight()), false);
  }

  /** A figure of a rendered image (exported as that image; SVG and PDF embed it). */
  public static Figure of(BufferedImage image, String title) {
    Objects.requireNonNull(image, "image");
    return new Figure(null, title == null ? "" : title, image.getWidth(), image.getHeight(),
        g -> g.drawImage(image, 0, 0, null), true);
  }

  /**
   * A figure drawn by {@code painter} on a width x height canvas; drawn afresh for every format, so lines and text
   * stay vectors in SVG and PDF and sharp in a PNG at any scale.
   */
  public static Figure drawing(String title, int width, int height, Consumer<Graphics2D> painter) {
    Objects.requireNonNull(painter, "painter");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be positive, got " + width + " x " + height);
    }
    return new Figure(null, title == null ? "" : title, width, height, painter, false);
  }

  /** The title. */
  public String title() {
    return title;
  }

  /** Width in pixels at scale 1. */
  public int width() {
    return width;
  }

  /** Height in pixels at scale 1. */
  public int height() {
    return height;
  }

  /** Whether this figure is an XChart chart (else a drawing or an image). */
  public boolean isChart() {
    return chart != null;
  }

  /** The line chart, to restyle it; fails for other figures, saying what this one is. */
  public XYChart xy() {
    if (chart instanceof XYChart c) {
      return c;
    }
    throw new IllegalStateException("figure '" + title + "' is " + (chart == null ? "an image" : "a "
        + chart.getClass().getSimpleName()) + ", not an XYChart");
  }

  /** The chart of any kind (for XChart's own encoders and displays); empty for drawings and images. */
  public Optional<Chart<?, ?>> chart() {
    return Optional.ofNullable(chart);
  }

  /** The figure as an image at scale 1. */
  public BufferedImage image() {
    return image(1);
  }

  /** The figure as an image with scale times the pixels per side (scale in (0, 16]). */
  public BufferedImage image(double scale) {
    return Figures.render(width, height, painter, scale, raster);
  }

  /** The PNG bytes at the given scale. */
  public byte[] png(double scale) {
    return Figures.png(image(scale), scale);
  }

  /** The SVG document (UTF-8). */
  public byte[] svg() {
    return Figures.vector(width, height, painter, "svg");
  }

  /** The PDF document, one page of width x height points. */
  public byte[] pdf() {
    return Figures.vector(width, height, painter, "pdf");
  }

  /** Writes a PNG at scale 1, atomically. */
  public Path savePng(Path path) {
    return savePng(path, 1);
  }

  /** Writes a PNG with scale times the pixels per side (2 for slides), atomically. */
  public Path savePng(Path path, double scale) {
    return write(path, png(scale));
  }

  /** Writes an SVG, atomically. */
  public Path saveSvg(Path path) {
    return write(path, svg());
  }

  /** Writes a PDF, atomically. */
  public Path savePdf(Path path) {
    return write(path, pdf());
  }

  private static Path write(Path path, byte[] bytes) {
    try {
      return Figures.writeAtomically(path, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write figure " + path, e);
    }
  }

  @Override
  public String toString() {
    return "Figure[" + title + ", " + (chart != null ? chart.getClass().getSimpleName() : raster ? "image"
        : "drawing") + ", " + width + "x" + height + "]";
  }
}
