package io.ebm4j.conditional;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conditional energy E(W, y, x) over a discrete answer y in {0..K-1} given an input x in R^d, evaluated for every
 * answer at once: {@link #energies} maps a batch x [N, d] to the matrix E[i, y] = E(W, y, x_i) [N, K]. Inference is
 * y* = argmin_y E(W, y, x) ({@link Inference#argmin}); learning shapes the energies through a {@link Loss}, whose
 * derivative G = dL/dE [N, K] {@link #backward} turns into the parameter gradient sum_{i,y} G[i,y] dE(W,y,x_i)/dW in
 * one backward pass.
 *
 * <p>As an {@link io.ebm4j.energy.Energy} on x alone it is the free energy of the answers,
 *
 * <pre>
 *   F(x) = -log sum_y exp(-E(W, y, x)),   dF/dtheta = sum_y p(y | x) dE(W, y, x)/dtheta,   p(y | x) = exp(-E) / Z(x),
 * </pre>
 *
 * the marginal energy of the joint Gibbs density exp(-E(W, y, x)) over (x, y) (up to the normaliser over x). So a
 * conditional model trains, travels and is stored like any {@link TrainableEnergy}.
 *
 * <pre>{@code
 * ConditionalEnergy e = ConditionalEnergies.linear(4, 3, 1L);
 * INDArray energies = e.energies(x);              // [N, 3]
 * int[] answers = Inference.argmin(energies);     // y* per row
 * INDArray freeEnergy = e.energy(x);              // [N], -logsumexp_y(-E)
 * }</pre>
 */
public interface ConditionalEnergy extends TrainableEnergy {
  /** Number of answers K. */
  int classes();

  /**
   * The working call: writes E(W, y, x_i) into e[i, y]. x [N, d] and e [N, K] are dense doubles; no validation (use
   * {@link #energies(INDArray)} from user code).
   */
  void energies(INDArray x, INDArray e);

  /**
   * The backward pass for a cotangent g [N, K] on the energies: paramGrad [P] += scale * sum_{i,y} g[i,y]
   * dE(W, y, x_i)/dtheta (skipped when null), and gradX [N, d] = sum_y g[i,y] d E(W, y, x_i)/d x_i, overwritten and
   * unscaled (skipped when null). x, g and gradX are dense doubles; g is validated.
   */
  void backward(INDArray x, INDArray g, double scale, INDArray paramGrad, INDArray gradX);

  @Override
  ConditionalEnergy copy();

  /** E(W, y, x_i) for every answer y and row of a validated batch x [N, d]; returns [N, K]. */
  default INDArray energies(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray e = Batches.zeros(xs.rows(), classes());
    energies(xs, e);
    return e;
  }

  /** The free energy F(x_i) = -log sum_y exp(-E(W, y, x_i)) and, when g is not null, grad_x F. */
  @Override
  default void evaluate(INDArray x, INDArray u, INDArray g) {
    int n = (int) x.rows();
    INDArray e = Batches.zeros(n, classes());
    energies(x, e);
    INDArray p = Batches.zeros(n, classes());
    SoftMin.freeEnergy(Batches.buffer(e), n, classes(), 1.0, Batches.buffer(u), Batches.buffer(p));
    if (g != null) {
      backward(x, p, 1.0, null, g);
    }
    Reference.reachabilityFence(e);
    Reference.reachabilityFence(p);
  }

  /** out += scale * sum_i w_i dF(x_i)/dtheta with dF/dtheta = sum_y p(y | x) dE(W, y, x)/dtheta. */
  @Override
  default void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    int n = (int) xs.rows();
    int k = classes();
    INDArray e = Batches.zeros(n, k);
    energies(xs, e);
    INDArray p = Batches.zeros(n, k);
    INDArray f = Batches.zeros(n);
    SoftMin.freeEnergy(Batches.buffer(e), n, k, 1.0, Batches.buffer(f), Batches.buffer(p));
    Reference.reachabilityFence(e);
    Reference.reachabilityFence(f);
    if (w != null) {
      INDArray ws = Batches.requireWeights(w, n, "w");
      DoubleBuffer wb = Batches.buffer(ws);
      DoubleBuffer pb = Batches.buffer(p);
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < k; y++) {
          pb.put(i * k + y, pb.get(i * k + y) * wb.get(i));
        }
      }
      Reference.reachabilityFence(ws);
    }
    backward(xs, p, scale, out, null);
  }
}
