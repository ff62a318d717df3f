package io.ebm4j.show.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.IChart;

/** XChart charts as PNG bytes, the form a notebook shows as {@code image/png} (base64 in the message). */
public final class ChartImages {
  private ChartImages() {}

  /** The chart drawn at its own size as PNG bytes. */
  public static byte[] png(IChart chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw chart as PNG", e);
    }
  }

  /** An image as base64-encoded PNG. */
  public static String pngBase64(java.awt.image.RenderedImage image) {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", out);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode image as PNG", e);
    }
  }

  /** The chart as base64-encoded PNG, the value Jupyter expects under {@code image/png}. */
  public static String pngBase64(IChart chart) {
    return Base64.getEncoder().encodeToString(png(chart));
  }
}
