package io.ebm4j.gebm;

/**
 * What one alternating KALE step measured, on its last energy-step minibatch.
 *
 * @param step number of alternating steps done so far
 * @param kale the amortised lower bound F(E + c) = -E_P[E + c] - E_B[exp(-(E + c))] + 1 (estimates KALE(P, B))
 * @param logZ the normaliser c
 * @param meanEnergyData mean E_psi over the data minibatch
 * @param meanEnergyBase mean E_psi over the base minibatch
 * @param weightEss effective sample size fraction of the self-normalised weights exp(-E) on the base minibatch
 */
public record KaleStep(int step, double kale, double logZ, double meanEnergyData, double meanEnergyBase,
    double weightEss) {}
