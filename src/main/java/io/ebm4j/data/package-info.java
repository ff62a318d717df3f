/**
 * Data for training and testing energy-based models. {@link io.ebm4j.data.Toys} draws the usual 2-D toy
 * distributions (two moons, circles, swiss roll, 8 Gaussians, checkerboard, pinwheel) i.i.d. and seeded;
 * {@link io.ebm4j.data.Datasets} loads the small UCI sets shipped with ebm4j (digits, iris, wine), MNIST and
 * Fashion-MNIST (extracted by {@code bash .ci/datasets}), and numeric columns of any Tablesaw table or CSV file.
 * Labelled sets come as {@link io.ebm4j.data.LabeledData}: an [n, d] double batch plus its labels.
 */
package io.ebm4j.data;
