/**
 * Conditional energy-based models E(W, Y, X) over a discrete answer Y in {0..K-1} (and a small API for continuous
 * answers), the ten losses of the loss table of LeCun, Chopra, Hadsell, Ranzato and Huang, "A Tutorial on
 * Energy-Based Learning", in Predicting Structured Data, MIT Press 2006
 * (http://yann.lecun.com/exdb/publis/pdf/lecun-06.pdf), inference Y* = argmin_Y E(W, Y, X), and a minibatch trainer.
 *
 * <p>Every loss is a function of the energy matrix only: {@link io.ebm4j.conditional.Loss} maps the energies
 * E[i, y] = E(W, y, x_i) [N, K] and the labels to a value and its derivative G = dL/dE [N, K];
 * {@link io.ebm4j.conditional.ConditionalEnergy#backward} turns G into the parameter gradient in one backward pass.
 *
 * <pre>{@code
 * ConditionalEnergy e = ConditionalEnergies.mlp(64, 10, new int[] {32}, 7L);
 * Run<ConditionalEnergy> run = ConditionalTraining.of(e).data(xTrain, yTrain).loss(Losses.hinge(1.0))
 *     .optimizer(new Adam(1e-2)).epochs(30).batchSize(32).seed(1).run();
 * int[] predicted = Inference.argmin(run.model(), xTest);
 * }</pre>
 */
package io.ebm4j.conditional;
