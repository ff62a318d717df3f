package io.ebm4j.discrete;

/**
 * An estimate of log Z with its standard error (delta method: sd(w) / (sqrt(M) mean(w)) over the M importance
 * weights w) and the effective sample size over M of those weights.
 */
public record LogZEstimate(double logZ, double stdError, double essFraction) {}
