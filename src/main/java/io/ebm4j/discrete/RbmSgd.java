package io.ebm4j.discrete;

/**
 * A method that runs whole SGD updates itself, in fused loops over its own copy of the parameters, instead of handing
 * a gradient to {@link RbmTraining}. The training loop gives it each minibatch and asks it to write the parameters
 * back into the model before every history row and at the end.
 */
interface RbmSgd {
  /** One update on the minibatch rows[0, m * n_v) of 0/1 values: theta -= learningRate * gradient, then the walkers move. */
  void update(double[] rows, int m, double learningRate);

  /** Writes the current parameters into the model being trained. */
  void store();

  /** The name and value of the first parameter that is not finite, or null when all are. */
  String firstNonFinite();

  /** An estimator that can hand its state to an {@link RbmSgd}. */
  interface Source {
    /** The fused loop, starting from the estimator's current walkers and the model's parameters. */
    RbmSgd sgd();
  }
}
