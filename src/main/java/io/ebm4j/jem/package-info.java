/**
 * Joint energy-based models (Grathwohl, Wang, Jacobsen, Duvenaud, Norouzi, Swersky, "Your Classifier is Secretly an
 * Energy Based Model and You Should Treat It Like One", ICLR 2020, https://arxiv.org/abs/1912.03263): a classifier's
 * logits f(x) read as p(y|x) = softmax(f(x)) and E(x) = -logsumexp f(x). {@link io.ebm4j.jem.JointEnergyModel} is
 * the model (an {@link io.ebm4j.energy.TrainableEnergy}, so every sampler runs on it), {@link io.ebm4j.jem.JemTraining}
 * fits it to features and labels with a {@link io.ebm4j.jem.JemConfig}, and {@link io.ebm4j.jem.Sgld} is the
 * short-run sampler of its negative phase.
 *
 * <pre>{@code
 * JointEnergyModel m = JemTraining.of(JemConfig.defaults()).fit(x, labels);
 * INDArray p = m.predictProbabilities(xTest);
 * }</pre>
 */
package io.ebm4j.jem;
