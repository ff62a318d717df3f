package io.ebm4j.train;

/** Thrown when a training run produces a non-finite quantity; says at which step and which quantity. */
public final class TrainingDivergedException extends RuntimeException {
  private final int step;
  private final String quantity;

  public TrainingDivergedException(int step, String quantity, double value) {
    super("training diverged at step " + step + ": " + quantity + " = " + value
        + " (lower the learning rate or the step size, or check the data)");
    this.step = step;
    this.quantity = quantity;
  }

  /** The step at which the non-finite value appeared. */
  public int step() {
    return step;
  }

  /** Which quantity became non-finite. */
  public String quantity() {
    return quantity;
  }
}
