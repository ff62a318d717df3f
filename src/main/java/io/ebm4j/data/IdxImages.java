package io.ebm4j.data;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loads an MNIST-layout image set (images idx3 + labels idx1 per split) into {@link LabeledData}. */
final class IdxImages {
  private IdxImages() {}

  static LabeledData load(List<Path> candidates, String title, Split split, String provenance) {
    if (split == null) {
      throw new IllegalArgumentException("split must be TRAIN or TEST, got null");
    }
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    String what = title + " " + split.name().toLowerCase();
    Path imageFile = DatasetFiles.findLarge(candidates, prefix + "-images-idx3-ubyte", what + " images", provenance);
    Path labelFile = DatasetFiles.findLarge(candidates, prefix + "-labels-idx1-ubyte", what + " labels", provenance);
    return fromIdx(Idx.read(imageFile), imageFile.toString(), Idx.read(labelFile), labelFile.toString(), what);
  }

  /** Pairs an [n, rows, cols] image file with an [n] label file; pixels become doubles in 0..255. */
  static LabeledData fromIdx(Idx images, String imageFile, Idx labels, String labelFile, String name) {
    if (images.dims().length != 3) {
      throw new DatasetException("IDX file " + imageFile + " should hold images [n, rows, cols], got sizes "
          + Arrays.toString(images.dims()));
    }
    if (labels.dims().length != 1) {
      throw new DatasetException("IDX file " + labelFile + " should hold labels [n], got sizes "
          + Arrays.toString(labels.dims()));
    }
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new DatasetException("IDX file " + labelFile + " holds " + labels.dims()[0] + " labels but " + imageFile
          + " holds " + n + " images");
    }
    int d = images.dims()[1] * images.dims()[2];
    byte[] px = images.data();
    INDArray x = Nd4j.createUninitialized(DataType.DOUBLE, n, d);
    DoubleBuffer b = x.data().asNioDouble();
    for (int i = 0; i < px.length; i++) {
      b.put(i, px[i] & 0xFF);
    }
    int[] lab = new int[n];
    byte[] lb = labels.data();
    for (int i = 0; i < n; i++) {
      lab[i] = lb[i] & 0xFF;
    }
    return new LabeledData(x, lab, SklearnCsv.pixelNames(images.dims()[1], images.dims()[2]), name);
  }
}
