package io.ebm4j.estimate;

/**
 * What one pass over log-weights A_i tells: log mean e^{A} (the Jarzynski estimate of log Z_k/Z_0 since the last
 * resampling) and the effective sample size over N, (sum w)^2 / (N sum w^2).
 */
public record WeightSummary(double logMeanExp, double essFraction) {}
