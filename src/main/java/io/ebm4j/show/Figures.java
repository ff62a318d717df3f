package io.ebm4j.show;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saving figures and text files atomically: written to a temporary sibling, then moved into place. */
public final class Figures {
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
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", out);
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

  /** Temporary files are created 0600; give the final file the usual rw-r--r-- where the file system has modes. */
  private static void readable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the default ACLs apply
    }
  }
}
