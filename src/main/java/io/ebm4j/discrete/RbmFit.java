package io.ebm4j.discrete;

import tech.tablesaw.api.Table;

/**
 * The outcome of {@link RbmTraining#fit}: the trained RBM (a copy; the caller's is unchanged) and one history row
 * per epoch, epoch 0 being the initial state.
 */
public record RbmFit(Rbm rbm, Table history) {}
