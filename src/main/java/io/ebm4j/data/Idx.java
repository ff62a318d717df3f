package io.ebm4j.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 * two zero bytes, the element type (0x08 = unsigned byte), the number of dimensions k, k big-endian int32 sizes,
 * then the values in row-major order. Gzipped files (recognised by their magic bytes) are read the same way.
 *
 * @param dims the sizes of the dimensions
 * @param data the values, row-major, to be read as unsigned ({@code data[i] & 0xFF})
 */
record Idx(int[] dims, byte[] data) {
  static final int UNSIGNED_BYTE = 0x08;

  /** Reads and checks an IDX file; every problem is a {@link DatasetException} naming the file. */
  static Idx read(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException("cannot read IDX file " + file + ": " + e, e);
    }
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
        raw = in.readAllBytes();
      } catch (IOException e) {
        throw new DatasetException("IDX file " + file + " starts like gzip but does not decompress: " + e, e);
      }
    }
    return parse(raw, file.toString());
  }

  static Idx parse(byte[] raw, String file) {
    if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
      throw new DatasetException("IDX file " + file + " does not start with the IDX magic number (00 00 type dims), got "
          + hex(raw, 4));
    }
    int type = raw[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new DatasetException("IDX file " + file + " holds element type 0x" + Integer.toHexString(type)
          + "; only unsigned bytes (0x08) are read");
    }
    int k = raw[3] & 0xFF;
    if (k < 1 || raw.length < 4 + 4L * k) {
      throw new DatasetException("IDX file " + file + " declares " + k + " dimensions but its header is "
          + (k < 1 ? "empty" : "cut short (" + raw.length + " bytes)"));
    }
    int[] dims = new int[k];
    long count = 1;
    for (int i = 0; i < k; i++) {
      int p = 4 + 4 * i;
      dims[i] = ((raw[p] & 0xFF) << 24) | ((raw[p + 1] & 0xFF) << 16) | ((raw[p + 2] & 0xFF) << 8) | (raw[p + 3] & 0xFF);
      if (dims[i] < 1) {
        throw new DatasetException("IDX file " + file + " has dimension " + i + " of size " + dims[i]
            + " (sizes " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + "), expected >= 1");
      }
      count *= dims[i];
    }
    long header = 4 + 4L * k;
    if (raw.length - header != count) {
      throw new DatasetException("IDX file " + file + " with sizes " + Arrays.toString(dims) + " should hold " + count
          + " bytes of data after its " + header + "-byte header, found " + (raw.length - header)
          + (raw.length - header < count ? " (truncated)" : " (trailing bytes)"));
    }
    return new Idx(dims, Arrays.copyOfRange(raw, (int) header, raw.length));
  }

  private static String hex(byte[] raw, int max) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(max, raw.length); i++) {
      s.append(String.format("%02x ", raw[i] & 0xFF));
    }
    return raw.length == 0 ? "an empty file" : s.toString().trim();
  }
}
