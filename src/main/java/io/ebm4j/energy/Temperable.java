package io.ebm4j.energy;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy whose tempered densities exp(-beta U) / Z(beta) stay in closed form for every beta > 0: their
 * normalizing constant (with its parameter gradient) and exact draws are known. A Gaussian is one (tempering divides
 * its variances by beta); a mixture is not (exp(-beta U) of a mixture is no mixture). {@link Energies#scaled} keeps
 * {@link ExactNormalizer} and {@link ExactSampler} exactly for such energies.
 *
 * <pre>{@code
 * Gaussian g = Energies.gaussian(new double[] {0}, new double[] {2});
 * double logZHot = g.logZ(0.25);                  // exp(-U/4) is N(0, 4^2): log Z = log(sqrt(2 pi) 4)
 * INDArray x = g.sample(0.25, 1000, new Rng(1));
 * }</pre>
 */
public interface Temperable {
  /** log Z(beta) = log integral exp(-beta U) at the current parameters. */
  double logZ(double beta);

  /** out += scale * d log Z(beta) / d theta (out is [P]). */
  void accumulateLogZGradient(double beta, double scale, INDArray out);

  /** n independent draws from exp(-beta U) / Z(beta), as [n, d]. */
  INDArray sample(double beta, int n, Rng rng);
}
