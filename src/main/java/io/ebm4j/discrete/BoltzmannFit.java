package io.ebm4j.discrete;

import tech.tablesaw.api.Table;

/**
 * The outcome of {@link BoltzmannTraining#fit}: the trained machine (a copy), the history, and the final moment gap
 * max_k |data moment_k - model moment_k| (exact or from the chains, as trained).
 */
public record BoltzmannFit(BoltzmannMachine model, Table history, double momentGap) {}
