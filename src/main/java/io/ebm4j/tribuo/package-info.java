/**
 * ebm4j energies inside Tribuo, the JVM's machine-learning library with provenance (Pocock, "Tribuo: Machine
 * Learning with Provenance in Java", arXiv 2021, https://arxiv.org/abs/2110.03022).
 *
 * <ul>
 *   <li>{@link io.ebm4j.tribuo.TribuoData}: Tribuo datasets and examples to dense [N, d] batches (columns in the
 *       order of the feature ids) and labels (Tribuo output ids), ebm4j's {@link io.ebm4j.data.LabeledData} back to a
 *       Tribuo {@code MutableDataset}, and class probabilities [N, K] to Tribuo label predictions, so that a classifier
 *       over batches needs only a thin Tribuo wrapper;</li>
 *   <li>{@link io.ebm4j.tribuo.EnergyAnomalyTrainer}: a Tribuo anomaly-detection {@code Trainer<Event>} that
 *       flags points whose energy U(x) exceeds a quantile of the training energies, for any
 *       {@link io.ebm4j.tribuo.EnergyFamily} (RBM free energy, neural energy, Gaussian mixture);</li>
 *   <li>{@link io.ebm4j.tribuo.RbmFeatureTrainer}: RBM hidden-unit probabilities as features for any Tribuo
 *       trainer;</li>
 *   <li>{@link io.ebm4j.tribuo.JemTrainer}: the joint energy model as a Tribuo {@code Trainer<Label>}; its
 *       {@link io.ebm4j.tribuo.JemClassifier} predicts labels with probabilities and scores examples by E(x);</li>
 *   <li>{@link io.ebm4j.tribuo.AnomalyScores}: AUROC, average precision and the ROC curve of anomaly
 *       predictions.</li>
 * </ul>
 *
 * Every hyperparameter is an OLCUT {@code @Config} field, so the provenance of a trained Tribuo model records it.
 */
package io.ebm4j.tribuo;
