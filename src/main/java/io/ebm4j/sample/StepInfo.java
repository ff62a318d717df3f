package io.ebm4j.sample;

/**
 * What one kernel step did to a batch of chains.
 *
 * @param acceptance mean acceptance probability min(1, exp(log alpha)) over the chains (1 for unadjusted kernels)
 * @param evaluations energy evaluations spent, counted per point (N per batch evaluation)
 */
public record StepInfo(double acceptance, long evaluations) {}
