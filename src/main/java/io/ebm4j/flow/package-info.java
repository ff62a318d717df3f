/**
 * Normalizing flows for sampling and for training energy-based models: a Real NVP flow ({@link
 * io.ebm4j.flow.RealNvp}) with exact, batched density, sampling and reverse passes; its training by forward, reverse
 * or mixed KL ({@link io.ebm4j.flow.FlowTrainer}); and kernels that use it on batches of chains ({@link
 * io.ebm4j.flow.FlowKernels}): independent Metropolis-Hastings, i-SIR, global-local moves with on-the-fly adaptation,
 * and NeuTra (MALA or HMC in the flow's latent space); the adaptive training of a sampler's flow from chains that
 * all start in one mode ({@link io.ebm4j.flow.AdaptiveFlow}); and flow-MCMC negatives for EBM training with a
 * companion flow adapted alongside ({@link io.ebm4j.flow.FlowPcd}).
 *
 * <pre>{@code
 * RealNvp flow = RealNvp.builder(2).blocks(4).hidden(64, 64).seed(1).build();
 * FlowTrainer t = FlowTrainer.adam(flow, 1e-3);
 * for (int k = 0; k < 1000; k++) t.reverseKlStep(energy, 256, rng);
 * Kernel k = FlowKernels.globalLocal(flow, Kernels.mala(0.05)).adaptEvery(10, 1e-3);
 * Chains c = k.init(energy, x0);
 * for (int s = 0; s < 1000; s++) k.step(energy, c, rng);
 * }</pre>
 */
package io.ebm4j.flow;
