package io.ebm4j.data;

/** Which published part of a dataset to load, e.g. {@code Datasets.mnist(Split.TRAIN)}. */
public enum Split {
  /** The training part (60,000 images for MNIST and Fashion-MNIST). */
  TRAIN,
  /** The test part (10,000 images for MNIST and Fashion-MNIST). */
  TEST
}
