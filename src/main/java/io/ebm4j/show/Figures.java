package io.ebm4j.show;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saving figures and text files atomically (written to a temporary sibling, then moved into place), and the
 * encoders behind {@link Figure}: PNG at a scale with its resolution recorded, SVG and PDF through VectorGraphics2D.
 */
public final class Figures {
  private static final double MAX_SCALE = 16;

  private Figures() {}

  /** Writes the chart as a PNG at path (parent directories created); never leaves a half-written file. */
  public static Path savePng(Chart<?, ?> chart, Path path) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return writeAtomically(path, png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write figure " + path, e);
    }
  }

  /** Writes an image as a PNG at path, atomically. */
  public static Path savePng(java.awt.image.RenderedImage image, Path path) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return writeAtomically(path, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write image " + path, e);
    }
  }

  /** Writes bytes to path via a temporary file and an atomic move. */
  public static Path writeAtomically(Path path, byte[] bytes) throws IOException {
    Path abs = path.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      readable(tmp);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return abs;
  }

  /**
   * Deletes temporary files that an interrupted atomic write left behind (names {@code .NAME...tmp}) in dir and,
   * when {@code recursive}, below it. The files they were meant to replace are untouched.
   */
  public static void removeStaleTemporaries(Path dir, boolean recursive) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = recursive ? Files.walk(dir) : Files.list(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Renders a painter on a white width x height canvas at scale (raster content smoothed when scaled). */
  static BufferedImage render(int width, int height, Consumer<Graphics2D> painter, double scale, boolean raster) {
    if (!(scale > 0) || scale > MAX_SCALE) {
      throw new IllegalArgumentException("scale must be in (0, " + (int) MAX_SCALE + "], got " + scale);
    }
    int w = (int) Math.round(width * scale);
    int h = (int) Math.round(height * scale);
    BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      if (raster) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      }
      g.scale(scale, scale);
      painter.accept(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** PNG bytes of an image rendered at scale, with 72 x scale pixels per inch recorded (pHYs). */
  static byte[] png(BufferedImage img, double scale) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
      String perMetre = Long.toString(Math.round(72 * scale / 0.0254));
      IIOMetadataNode phys = new IIOMetadataNode("pHYs");
      phys.setAttribute("pixelsPerUnitXAxis", perMetre);
      phys.setAttribute("pixelsPerUnitYAxis", perMetre);
      phys.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(phys);
      meta.mergeTree("javax_imageio_png_1.0", root);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(ios);
        writer.write(null, new IIOImage(img, null, meta), param);
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode PNG", e);
    }
  }

  /** The painter's drawing as an "svg" or "pdf" document of width x height (pixels = points). */
  static byte[] vector(int width, int height, Consumer<Graphics2D> painter, String format) {
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    painter.accept(g);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Processors.get(format).getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode " + format, e);
    }
  }

  /** Temporary files are created 0600; give the final file the usual rw-r--r-- where the file system has modes. */
  private static void readable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the default ACLs apply
    }
  }
}
