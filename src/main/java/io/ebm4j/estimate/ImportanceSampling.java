package io.ebm4j.estimate;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.ExactNormalizer;
import io.ebm4j.energy.ExactSampler;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * log Z of an energy by importance sampling from a normalised proposal q = exp(-V) / Z_q:
 *
 * <pre>
 *   Z = E_q[ exp(-U(X)) / q(X) ],   log Z_hat = log mean_i exp(V(X_i) - U(X_i)) + log Z_q,
 * </pre>
 *
 * computed with a stable log-mean-exp; the standard error comes from the delta method on the weights. The estimate
 * of Z is unbiased, that of log Z is low by about var / 2 (Jensen).
 *
 * <pre>{@code
 * var est = ImportanceSampling.logZ(target, Energies.gaussian(mean, wideStd), 100_000, new Rng(1));
 * est.logZ(); est.stdError(); est.essFraction();
 * }</pre>
 */
public final class ImportanceSampling {
  private ImportanceSampling() {}

  /** The estimate, its standard error and the effective sample size of the weights over n. */
  public record Estimate(double logZ, double stdError, double essFraction) {}

  /** Estimates log Z of target with n draws of a proposal that is an energy with exact sampling and log Z. */
  public static <Q extends Energy & ExactSampler & ExactNormalizer> Estimate logZ(Energy target, Q proposal, int n,
      Rng rng) {
    if (target == null || proposal == null) {
      throw new IllegalArgumentException("target and proposal must not be null");
    }
    if (target.dim() != proposal.dim()) {
      throw new IllegalArgumentException("proposal dimension must be the target's " + target.dim() + ", got "
          + proposal.dim());
    }
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2, got " + n);
    }
    INDArray x = proposal.sample(n, rng);
    INDArray u = target.energy(x);
    INDArray v = proposal.energy(x);
    DoubleBuffer ub = Batches.buffer(u);
    DoubleBuffer vb = Batches.buffer(v);
    double[] lw = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lw[i] = vb.get(i) - ub.get(i);
      max = Math.max(max, lw[i]);
    }
    if (!Double.isFinite(max)) {
      throw new IllegalStateException("importance weights are not finite (max log-weight " + max + ")");
    }
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(lw[i] - max);
      s += w;
      s2 += w * w;
    }
    double mean = s / n;
    double var = s2 / n - mean * mean;
    double rel = Math.sqrt(Math.max(0, var) / n) / mean;
    return new Estimate(max + Math.log(mean) + proposal.logZ(), rel, s * s / (s2 * n));
  }
}
