package io.ebm4j.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helpers that read a stored archive's entries and write tampered copies (valid zips, altered content). */
final class Zips {
  private Zips() {}

  static Map<String, byte[]> entries(Path p) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(p.toFile())) {
      for (var it = z.entries(); it.hasMoreElements(); ) {
        ZipEntry e = it.nextElement();
        try (InputStream in = z.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  /** A copy of src at dst whose entries pass through edit (name, bytes) -> new bytes (null drops the entry). */
  static Path rewrite(Path src, Path dst, BiFunction<String, byte[], byte[]> edit) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries(src).entrySet()) {
        byte[] b = edit.apply(e.getKey(), e.getValue());
        if (b != null) {
          z.putNextEntry(new ZipEntry(e.getKey()));
          z.write(b);
          z.closeEntry();
        }
      }
    }
    Files.write(dst, bytes.toByteArray());
    return dst;
  }

  /** The manifest with one line replaced. */
  static byte[] replaceLine(byte[] manifest, String from, String to) {
    String s = new String(manifest, StandardCharsets.UTF_8);
    if (!s.contains(from + "\n")) {
      throw new AssertionError("manifest has no line " + from + ":\n" + s);
    }
    return s.replace(from + "\n", to + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
