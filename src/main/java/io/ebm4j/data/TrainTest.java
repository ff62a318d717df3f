package io.ebm4j.data;

/**
 * The two parts of a {@link LabeledData#split}.
 *
 * <pre>{@code
 * TrainTest parts = Datasets.digits().split(1500, 7);
 * INDArray xTrain = parts.train().x();
 * }</pre>
 *
 * @param train the first trainSize rows of the permutation
 * @param test the remaining rows
 */
public record TrainTest(LabeledData train, LabeledData test) {}
