package io.ebm4j.sample;

/**
 * What one kernel step did to a batch of chains.
 *
 * @param acceptance fraction of chains whose proposal was accepted (1 for unadjusted kernels)
 * @param evaluations energy evaluations spent, counted per point (N per batch evaluation)
 */
public record StepInfo(double acceptance, long evaluations) {}
