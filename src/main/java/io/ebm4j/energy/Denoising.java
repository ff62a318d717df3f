package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Denoising score matching for any energy with a {@link MixedGradient}: the loss needs only grad U at x~ = x + sigma
 * eps, and its parameter gradient is the mixed gradient at x~ with the residual r = grad U(x~) - eps / sigma held
 * fixed, since d/dtheta |r|^2 / 2 = r . d grad U / dtheta.
 */
final class Denoising {
  private Denoising() {}

  /** Mean over rows of |grad U(x + sigma eps) - eps / sigma|^2 / 2. */
  static double loss(Energy e, INDArray x, INDArray eps, double sigma) {
    INDArray r = residual(e, noisy(e, x, eps, sigma), eps, sigma);
    DoubleBuffer rb = Batches.buffer(r);
    double s = 0;
    for (int q = 0; q < r.length(); q++) {
      s += rb.get(q) * rb.get(q);
    }
    return 0.5 * s / x.rows();
  }

  /** out += scale * sum_i d/dtheta |grad U(x~_i) - eps_i / sigma|^2 / 2. */
  static <E extends Energy & MixedGradient> void accumulate(E e, INDArray x, INDArray eps, double sigma, double scale,
      INDArray out) {
    INDArray noisy = noisy(e, x, eps, sigma);
    e.accumulateMixedGradient(noisy, residual(e, noisy, eps, sigma), scale, out);
  }

  /** Standard normal noise [N, d] drawn from rng (chunk streams: the same on any number of threads). */
  static INDArray noise(Rng rng, long n, int d) {
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    INDArray eps = Batches.zeros(n, d);
    rng.fillNormal(Batches.buffer(eps), (int) eps.length());
    return eps;
  }

  static void requireSigma(double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
  }

  /** grad U(x~) - eps / sigma at the noisy points x~. */
  private static INDArray residual(Energy e, INDArray noisy, INDArray eps, double sigma) {
    INDArray r = Batches.zeros(noisy.rows(), e.dim());
    e.evaluate(noisy, Batches.zeros(noisy.rows()), r);
    DoubleBuffer rb = Batches.buffer(r);
    DoubleBuffer eb = Batches.buffer(Batches.requireBatch(eps, e.dim(), "eps"));
    for (int q = 0; q < r.length(); q++) {
      rb.put(q, rb.get(q) - eb.get(q) / sigma);
    }
    return r;
  }

  private static INDArray noisy(Energy e, INDArray x, INDArray eps, double sigma) {
    requireSigma(sigma);
    INDArray xs = Batches.requireBatch(x, e.dim(), "x");
    INDArray es = Batches.requireBatch(eps, e.dim(), "eps");
    if (es.rows() != xs.rows()) {
      throw new IllegalArgumentException("eps must have as many rows as x (" + xs.rows() + "), got " + es.rows());
    }
    INDArray noisy = Batches.zeros(xs.rows(), e.dim());
    DoubleBuffer xb = Batches.buffer(xs);
    DoubleBuffer eb = Batches.buffer(es);
    DoubleBuffer nb = Batches.buffer(noisy);
    for (int q = 0; q < noisy.length(); q++) {
      nb.put(q, xb.get(q) + sigma * eb.get(q));
    }
    return noisy;
  }
}
