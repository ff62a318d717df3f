package io.ebm4j.store;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The container shared by models and runs: a zip whose first entry, {@code manifest.properties}, names the format
 * and its version, describes the content and lists every other entry with its SHA-256. Written atomically (a
 * temporary file in the target's directory, synced, then moved over the target), so a failed save leaves any
 * existing file untouched; read back with every check that can name what is wrong.
 */
final class Archive {
  static final String MANIFEST = "manifest.properties";
  static final int FORMAT_VERSION = 1;
  /** Fixed entry times: the same content gives the same bytes. */
  private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

  private final Path path;
  private final Map<String, String> manifest;
  private final Map<String, byte[]> entries;

  private Archive(Path path, Map<String, String> manifest, Map<String, byte[]> entries) {
    this.path = path;
    this.manifest = manifest;
    this.entries = entries;
  }

  /** The ebm4j version that writes files, from the packaged jar (or "development" when run from classes). */
  static String ebm4jVersion() {
    try (InputStream in = Archive.class.getResourceAsStream("/META-INF/maven/io.ebm4j/ebm4j/pom.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        return p.getProperty("version", "development");
      }
    } catch (IOException e) {
      // fall through
    }
    return "development";
  }

  /**
   * Writes header (format, content description) plus the checksummed list of entries as the manifest, then the
   * entries, to path atomically. {@code wrap} sees the file's output stream (tests inject failures through it).
   */
  static Path write(Path path, Map<String, String> header, Map<String, byte[]> content,
      UnaryOperator<OutputStream> wrap) {
    Map<String, String> m = new LinkedHashMap<>(header);
    m.put("entries", String.join(",", content.keySet()));
    for (Map.Entry<String, byte[]> e : content.entrySet()) {
      m.put("sha256." + e.getKey(), sha256(e.getValue()));
    }
    Path abs = path.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      try (FileOutputStream file = new FileOutputStream(tmp.toFile());
          ZipOutputStream zip = new ZipOutputStream(wrap.apply(new BufferedOutputStream(file)))) {
        zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
        put(zip, MANIFEST, Props.write(m));
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
          put(zip, e.getKey(), e.getValue());
        }
        zip.finish();
        zip.flush();
        file.getFD().sync();
      }
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default ACLs apply
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return abs;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + abs + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the temporary file stays behind; the target is untouched either way
        }
      }
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(EPOCH);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  /**
   * Reads and verifies an archive: a zip with a manifest, one of the accepted formats, this format version, every
   * listed entry present with its SHA-256.
   */
  static Archive read(Path path, List<String> formats) {
    Map<String, byte[]> all = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (var it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry e = it.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          all.put(e.getName(), in.readAllBytes());
        } catch (IOException ex) {
          throw new StoreException(path, "entry " + e.getName() + " is damaged (" + ex.getMessage() + ")", ex);
        }
      }
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new StoreException(path, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new StoreException(path, "not readable (access denied)", e);
    } catch (ZipException e) {
      throw new StoreException(path, "not a readable " + formats.get(0) + " file: damaged, truncated or not a zip ("
          + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new StoreException(path, "could not be read (" + e.getMessage() + ")", e);
    }
    byte[] mb = all.get(MANIFEST);
    if (mb == null) {
      throw new StoreException(path, "a zip without " + MANIFEST + ", not an ebm4j file");
    }
    Map<String, String> m;
    try {
      m = Props.read(mb);
    } catch (RuntimeException e) {
      throw new StoreException(path, MANIFEST + " is damaged (" + e.getMessage() + ")", e);
    }
    Archive a = new Archive(path, m, all);
    String format = a.get("format");
    if (!formats.contains(format)) {
      throw new StoreException(path, "holds a " + format + ", expected " + String.join(" or ", formats));
    }
    int version = a.getInt("formatVersion");
    if (version != FORMAT_VERSION) {
      throw new StoreException(path, format + " format version " + version + " is not supported (this ebm4j "
          + ebm4jVersion() + " reads version " + FORMAT_VERSION + ")");
    }
    String listed = a.get("entries");
    for (String name : listed.isEmpty() ? new String[0] : listed.split(",")) {
      byte[] b = all.get(name);
      if (b == null) {
        throw new StoreException(path, "entry " + name + " is missing");
      }
      String want = a.get("sha256." + name);
      String got = sha256(b);
      if (!got.equals(want)) {
        throw new StoreException(path, "entry " + name + " is damaged: its SHA-256 is " + got + ", the manifest says "
            + want);
      }
    }
    return a;
  }

  Path path() {
    return path;
  }

  Map<String, String> manifest() {
    return manifest;
  }

  /** A manifest value; an absent key fails naming it. */
  String get(String key) {
    String v = manifest.get(key);
    if (v == null) {
      throw new StoreException(path, MANIFEST + " lacks '" + key + "'");
    }
    return v;
  }

  int getInt(String key) {
    String v = get(key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new StoreException(path, MANIFEST + " has '" + key + "=" + v + "', not an integer");
    }
  }

  double getDouble(String key) {
    String v = get(key);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new StoreException(path, MANIFEST + " has '" + key + "=" + v + "', not a number");
    }
  }

  boolean has(String key) {
    return manifest.containsKey(key);
  }

  /** A verified entry; one the manifest does not list fails naming it. */
  byte[] entry(String name) {
    if (!manifest.containsKey("sha256." + name)) {
      throw new StoreException(path, "entry " + name + " is missing");
    }
    return entries.get(name);
  }

  /** A verified entry of n little-endian doubles. */
  double[] doubles(String name, long n) {
    byte[] b = entry(name);
    if (b.length != 8L * n) {
      throw new StoreException(path, "entry " + name + " holds " + b.length + " bytes, expected " + n
          + " float64 values (" + 8L * n + " bytes)");
    }
    return Doubles.values(b);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
