package io.ebm4j.jem;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sampler of JEM: x <- x - stepSize grad_x E(x) + noise N(0, I), with step and noise set apart (stepSize 1 and
 * noise 0.01 in the paper) rather than tied as in Langevin dynamics (noise = sqrt(2 stepSize)); a short-run sampler
 * whose samples serve as the negative phase, not as exact draws.
 *
 * <pre>{@code
 * Sgld.run(model.classEnergy(3), x, 200, 1.0, 0.01, rng);   // x [N, d] moved in place
 * }</pre>
 */
public final class Sgld {
  private Sgld() {}

  /** Runs {@code steps} updates on the batch x [N, d] (dense doubles) in place and returns it. */
  public static INDArray run(Energy e, INDArray x, int steps, double stepSize, double noise, Rng rng) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be non-negative, got " + steps);
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + stepSize);
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("noise must be non-negative and finite, got " + noise);
    }
    INDArray xs = Batches.requireBatch(x, e.dim(), "x");
    if (xs != x) {
      throw new IllegalArgumentException("x must be a dense double batch (it is updated in place)");
    }
    int n = (int) x.rows();
    int q = n * e.dim();
    INDArray u = Batches.zeros(n);
    INDArray g = Batches.zeros(n, e.dim());
    DoubleBuffer xb = Batches.buffer(x);
    DoubleBuffer gb = Batches.buffer(g);
    // a heap buffer: a view of a native array is only valid while that array is reachable
    DoubleBuffer zb = DoubleBuffer.allocate(q);
    for (int t = 0; t < steps; t++) {
      e.evaluate(x, u, g);
      rng.fillNormal(zb, q);
      for (int j = 0; j < q; j++) {
        xb.put(j, xb.get(j) - stepSize * gb.get(j) + noise * zb.get(j));
      }
    }
    java.lang.ref.Reference.reachabilityFence(u);
    java.lang.ref.Reference.reachabilityFence(g);
    return x;
  }
}
