package io.ebm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real MNIST and Fashion-MNIST files; skipped unless `bash .ci/datasets` has extracted them. */
class ImageDatasetsTest {
  private static boolean present(String set) {
    for (Path d : DatasetFiles.largeCandidates(set)) {
      if (Files.isRegularFile(d.resolve("t10k-labels-idx1-ubyte"))
          || Files.isRegularFile(d.resolve("t10k-labels-idx1-ubyte.gz"))) {
        return true;
      }
    }
    return false;
  }

  private static int[] counts(int[] labels) {
    int[] c = new int[10];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }

  @Test
  void mnistHas60000And10000DigitsWithThePublishedClassCountsAndPixels0To255() {
    assumeTrue(present("mnist"), "MNIST not extracted (bash .ci/datasets)");
    LabeledData train = Datasets.mnist(Split.TRAIN);
    assertArrayEquals(new long[] {60_000, 784}, train.x().shape());
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(train.labels()));
    assertArrayEquals(new int[] {5, 0, 4, 1, 9}, java.util.Arrays.copyOf(train.labels(), 5));
    DoubleBuffer b = Batches.buffer(train.x());
    double sum = 0;
    double max = 0;
    for (int i = 0; i < 60_000 * 784; i++) {
      sum += b.get(i);
      max = Math.max(max, b.get(i));
    }
    assertEquals(255.0, max, 0.0);
    assertEquals(33.318421449829934, sum / (60_000 * 784.0), 1e-9); // mean pixel of the published file
    LabeledData test = Datasets.mnist(Split.TEST);
    assertArrayEquals(new long[] {10_000, 784}, test.x().shape());
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(test.labels()));
  }

  @Test
  void fashionMnistHasBalancedClassesOf6000And1000() {
    assumeTrue(present("fashion-mnist"), "Fashion-MNIST not extracted (bash .ci/datasets)");
    LabeledData train = Datasets.fashionMnist(Split.TRAIN);
    assertArrayEquals(new long[] {60_000, 784}, train.x().shape());
    int[] six = new int[10];
    java.util.Arrays.fill(six, 6000);
    assertArrayEquals(six, counts(train.labels()));
    LabeledData test = Datasets.fashionMnist(Split.TEST);
    int[] thousand = new int[10];
    java.util.Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, counts(test.labels()));
    assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(test.labels(), 5));
  }
}
