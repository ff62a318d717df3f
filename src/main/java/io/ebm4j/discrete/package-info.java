/**
 * Energy-based models on binary states, rho(x) = exp(-U(x)) / Z with x in {0,1}^n or {-1,+1}^n: models, Markov
 * kernels, training rules and partition-function estimators.
 *
 * <ul>
 *   <li>Models ({@link io.ebm4j.discrete.BinaryEnergy}): {@link io.ebm4j.discrete.IsingGrid} (spins +-1),
 *       {@link io.ebm4j.discrete.BoltzmannMachine} (0/1, fully visible), {@link io.ebm4j.discrete.Rbm} (0/1,
 *       Bernoulli-Bernoulli, U = free energy). They implement {@link io.ebm4j.energy.Energy} (and the trainable ones
 *       {@link io.ebm4j.energy.TrainableEnergy}); grad_x U does not exist, so {@code evaluate} with a gradient
 *       buffer throws {@link java.lang.UnsupportedOperationException}.
 *   <li>Kernels ({@link io.ebm4j.discrete.DiscreteKernels}) on {@link io.ebm4j.discrete.BinaryChains}: single-site
 *       Metropolis-Hastings, heat-bath Gibbs, checkerboard Gibbs for the Ising grid, block Gibbs for RBMs; each
 *       also transports Jarzynski log-weights when parameters change.
 *   <li>Training: {@link io.ebm4j.discrete.BoltzmannTraining} (moment matching) and
 *       {@link io.ebm4j.discrete.RbmTraining} with {@link io.ebm4j.discrete.RbmMethods} CD-k, PCD and Jarzynski-PCD.
 *   <li>Points of [0, 1]^d as Gray-coded bits: {@link io.ebm4j.discrete.GrayCode}, and an energy on them with
 *       trainable bump weights and means, {@link io.ebm4j.discrete.GrayCodedMixture}.
 *   <li>log Z: {@link io.ebm4j.discrete.ExactPartition} (enumeration), {@link io.ebm4j.discrete.AnnealedImportanceSampling}
 *       for RBMs; {@link io.ebm4j.discrete.PseudoLikelihood}.
 *   <li>The mode of a binary energy ({@link io.ebm4j.discrete.MapEstimate}): iterated conditional modes
 *       ({@link io.ebm4j.discrete.IteratedConditionalModes}), {@link io.ebm4j.discrete.SimulatedAnnealing} over any
 *       kernel, and the exact MAP of a ferromagnetic Ising grid by one minimum cut
 *       ({@link io.ebm4j.discrete.GraphCutMap}); the image posterior {@link io.ebm4j.discrete.DenoisingPosterior}.
 *   <li>Maximum likelihood for the Boltzmann machine as an exponential family: moment matching
 *       ({@link io.ebm4j.discrete.BoltzmannTraining}) and Newton's method with the exact Fisher information
 *       ({@link io.ebm4j.discrete.BoltzmannNewton}).
 * </ul>
 *
 * <p>References: G. E. Hinton, "Training products of experts by minimizing contrastive divergence", Neural
 * Computation 14(8), 2002. T. Tieleman, "Training restricted Boltzmann machines using approximations to the
 * likelihood gradient", ICML 2008. R. M. Neal, "Annealed importance sampling", Statistics and Computing 11, 2001.
 * R. Salakhutdinov and I. Murray, "On the quantitative analysis of deep belief networks", ICML 2008. D. Carbone,
 * M. Hua, S. Coste, E. Vanden-Eijnden, "Efficient Training of Energy-Based Models Using Jarzynski Equality", NeurIPS
 * 2023, https://arxiv.org/abs/2305.19414. J. Besag, "On the Statistical Analysis of Dirty Pictures", JRSS-B 48(3),
 * 1986. D. M. Greig, B. T. Porteous, A. H. Seheult, "Exact Maximum A Posteriori Estimation for Binary Images",
 * JRSS-B 51(2), 1989.
 *
 * <pre>{@code
 * Rbm rbm = Rbm.random(64, 20, 0.01, new Rng(0)).visibleBiasFrom(data);
 * RbmFit fit = RbmTraining.of(rbm).method(RbmMethods.pcd(1).walkers(100))
 *     .learningRate(0.05).batchSize(20).epochs(30).seed(0).fit(data);
 * double exact = ExactPartition.logZ(fit.rbm());                      // sums over the 20 hidden units
 * LogZEstimate ais = AnnealedImportanceSampling.of(fit.rbm()).baseFrom(data).estimate();
 * }</pre>
 */
package io.ebm4j.discrete;
