package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference in a conditional energy-based model, Y* = argmin_Y E(W, Y, X): by enumeration over a discrete answer, by
 * gradient descent on a continuous one, or by Langevin dynamics, which samples answers from the Gibbs density
 * exp(-E(W, y, x) / T) instead of minimising.
 *
 * <pre>{@code
 * int[] yStar = Inference.argmin(model, xTest);                  // enumeration over K answers
 * double acc = Inference.accuracy(model, xTest, yTest);
 * INDArray y = Inference.gradientDescent(cont, x, y0, 0.1, 500); // continuous answers
 * INDArray s = Inference.langevin(cont, x, y0, 0.01, 2000, 1.0, 7L);
 * }</pre>
 */
public final class Inference {
  private Inference() {}

  /** argmin_y E[i, y] for each row of an energy matrix [N, K] (smallest index on ties). */
  public static int[] argmin(INDArray energies) {
    if (energies == null || energies.rank() != 2) {
      throw new IllegalArgumentException("energies must have shape [N, K], got "
          + (energies == null ? "null" : java.util.Arrays.toString(energies.shape())));
    }
    INDArray e = Batches.requireBatch(energies, (int) energies.columns(), "energies");
    int n = (int) e.rows();
    int k = (int) e.columns();
    DoubleBuffer b = Batches.buffer(e);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int y = 1; y < k; y++) {
        if (b.get(i * k + y) < b.get(i * k + best)) {
          best = y;
        }
      }
      out[i] = best;
    }
    Reference.reachabilityFence(e);
    return out;
  }

  /** Y* = argmin_y E(W, y, x_i) by enumeration of the K answers, for each row of x [N, d]. */
  public static int[] argmin(ConditionalEnergy model, INDArray x) {
    return argmin(model.energies(x));
  }

  /** The fraction of rows of x whose inferred answer is the label. */
  public static double accuracy(ConditionalEnergy model, INDArray x, int[] labels) {
    int[] y = argmin(model, x);
    if (labels == null || labels.length != y.length) {
      throw new IllegalArgumentException("labels must have one entry per row of x (" + y.length + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    int hit = 0;
    for (int i = 0; i < y.length; i++) {
      hit += y[i] == labels[i] ? 1 : 0;
    }
    return hit / (double) y.length;
  }

  /** y_{t+1} = y_t - stepSize * grad_y E(W, y_t, x) for the given number of steps from y0 [N, m]; returns y. */
  public static INDArray gradientDescent(ContinuousConditionalEnergy energy, INDArray x, INDArray y0, double stepSize,
      int steps) {
    return descend(energy, x, y0, stepSize, steps, 0, null);
  }

  /**
   * Unadjusted Langevin dynamics on the answer, y_{t+1} = y_t - stepSize * grad_y E + sqrt(2 stepSize T) xi, whose
   * draws approach exp(-E(W, y, x) / T) as stepSize -> 0 (and descend to the argmin as T -> 0). Returns the answers
   * after the given number of steps; the noise comes from {@code new Rng(seed)}, so the same seed gives the same
   * draws.
   */
  public static INDArray langevin(ContinuousConditionalEnergy energy, INDArray x, INDArray y0, double stepSize,
      int steps, double temperature, long seed) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    return descend(energy, x, y0, stepSize, steps, temperature, new Rng(seed));
  }

  private static INDArray descend(ContinuousConditionalEnergy energy, INDArray x, INDArray y0, double stepSize,
      int steps, double temperature, Rng rng) {
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + stepSize);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be non-negative, got " + steps);
    }
    INDArray xs = Batches.requireBatch(x, energy.inputDim(), "x");
    INDArray y = Batches.requireBatch(y0, energy.answerDim(), "y0").dup();
    if (y.rows() != xs.rows()) {
      throw new IllegalArgumentException("y0 must have as many rows as x (" + xs.rows() + "), got " + y.rows());
    }
    int len = (int) y.length();
    INDArray e = Batches.zeros(xs.rows());
    INDArray g = Batches.zeros(y.rows(), y.columns());
    DoubleBuffer yb = Batches.buffer(y);
    DoubleBuffer gb = Batches.buffer(g);
    INDArray noise = rng == null ? null : Batches.zeros(len);
    DoubleBuffer nb = noise == null ? null : Batches.buffer(noise);
    double sd = Math.sqrt(2 * stepSize * temperature);
    for (int t = 0; t < steps; t++) {
      energy.evaluate(xs, y, e, g);
      if (rng != null) {
        rng.fillNormal(nb, len);
      }
      for (int q = 0; q < len; q++) {
        double v = yb.get(q) - stepSize * gb.get(q) + (nb == null ? 0 : sd * nb.get(q));
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("answers diverged at step " + t + " (got " + v
              + "); stepSize " + stepSize + " is too large for this energy");
        }
        yb.put(q, v);
      }
    }
    Reference.reachabilityFence(noise);
    Reference.reachabilityFence(g);
    return y;
  }
}
