package io.ebm4j.show;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of a study: an XChart chart or a rendered image (energy landscapes), with a title, saved atomically and
 * displayed inline in notebooks. Keeps XChart's internal chart type out of the public API.
 *
 * <pre>{@code
 * Figure f = Figure.of(Plots.history(run, "massOfB"));
 * f.savePng(Path.of("mass.png"));
 * XYChart c = f.xy();               // the chart, to restyle it
 * }</pre>
 */
public final class Figure {
  private final Chart<?, ?> chart;
  private final BufferedImage image;
  private final String title;

  private Figure(Chart<?, ?> chart, BufferedImage image, String title) {
    this.chart = chart;
    this.image = image;
    this.title = title;
  }

  /** A figure of an XChart chart (any kind). */
  public static Figure of(Chart<?, ?> chart) {
    Objects.requireNonNull(chart, "chart");
    return new Figure(chart, null, chart.getTitle());
  }

  /** A figure of a rendered image. */
  public static Figure of(BufferedImage image, String title) {
    Objects.requireNonNull(image, "image");
    return new Figure(null, image, title == null ? "" : title);
  }

  /** The title. */
  public String title() {
    return title;
  }

  /** Whether this figure is an XChart chart (else an image). */
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

  /** The chart of any kind (for XChart's own encoders and displays); empty for images. */
  public java.util.Optional<Chart<?, ?>> chart() {
    return java.util.Optional.ofNullable(chart);
  }

  /** The figure as an image (charts rendered at their size). */
  public BufferedImage image() {
    return chart != null ? BitmapEncoder.getBufferedImage(chart) : image;
  }

  /** Writes a PNG, atomically. */
  public Path savePng(Path path) {
    return chart != null ? Figures.savePng(chart, path) : Figures.savePng(image, path);
  }

  @Override
  public String toString() {
    return "Figure[" + title + (chart != null ? ", " + chart.getClass().getSimpleName() : ", image") + "]";
  }
}
