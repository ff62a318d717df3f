package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic of beta U (tempering at T = 1/beta). Energies, input and parameter gradients scale by beta; with
 * g = grad U, the score-matching objectives are
 *
 * <pre>
 *   beta^2 |g|^2/2 - beta Lap U        = beta (|g|^2/2 - Lap U)        + (beta^2 - beta) |g|^2/2
 *   beta^2 (v.g)^2/2 - beta v'Hess U v = beta ((v.g)^2/2 - v'Hess U v) + (beta^2 - beta) (v.g)^2/2
 * </pre>
 *
 * whose parameter gradients are beta times the inner one plus (beta^2 - beta) times the mixed gradient with a = g
 * (exact) or a = (v.g) v (sliced). Normalizer and draws come from a {@link Temperable} inner energy at beta times
 * the requested inverse temperature.
 */
final class ScaledComposition extends Composition {
  private final Energy inner;
  private final double beta;

  ScaledComposition(Energy inner, double beta) {
    this(inner, beta, false);
  }

  /**
   * With {@code signed}, beta may be negative (the -alpha U_2 of a negation, see {@link Energies#andNot}): the
   * arithmetic above holds for any beta, but a negative one is only a part of a normalisable energy, never on its own.
   */
  ScaledComposition(Energy inner, double beta, boolean signed) {
    if (inner == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    if (!Double.isFinite(beta) || (signed ? beta == 0 : !(beta > 0))) {
      throw new IllegalArgumentException("beta must be " + (signed ? "non-zero" : "positive") + " and finite, got "
          + beta);
    }
    this.inner = inner;
    this.beta = beta;
  }

  Energy inner() {
    return inner;
  }

  double beta() {
    return beta;
  }

  void evaluate(INDArray x, INDArray u, INDArray g) {
    inner.evaluate(x, u, g);
    multiply(u, beta);
    if (g != null) {
      multiply(g, beta);
    }
  }

  @Override
  void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out) {
    ((MixedGradient) inner).accumulateMixedGradient(x, a, beta * scale, out);
  }

  @Override
  double scoreMatchingLoss(INDArray x) {
    double[] g = innerGradient(x);
    double s = 0;
    for (double v : g) {
      s += 0.5 * v * v;
    }
    return beta * ((ScoreMatchable) inner).scoreMatchingLoss(x) + (beta * beta - beta) * s / x.rows();
  }

  @Override
  void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
    ((ScoreMatchable) inner).accumulateScoreMatchingGradient(x, beta * scale, out);
    if (beta != 1.0) {
      INDArray a = Nd4j.createFromArray(innerGradient(x)).reshape(x.rows(), x.columns());
      ((MixedGradient) inner).accumulateMixedGradient(x, a, (beta * beta - beta) * scale, out);
    }
  }

  @Override
  double slicedScoreMatchingLoss(INDArray x, INDArray v) {
    double[] g = innerGradient(x);
    double[] vb = Batches.toArray(v);
    int n = (int) x.rows();
    int d = (int) x.columns();
    double s = 0;
    for (int i = 0; i < n; i++) {
      double c = 0;
      for (int j = 0; j < d; j++) {
        c += vb[i * d + j] * g[i * d + j];
      }
      s += 0.5 * c * c;
    }
    return beta * ((SlicedScoreMatchable) inner).slicedScoreMatchingLoss(x, v) + (beta * beta - beta) * s / n;
  }

  @Override
  void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
    ((SlicedScoreMatchable) inner).accumulateSlicedScoreMatchingGradient(x, v, beta * scale, out);
    if (beta != 1.0) {
      double[] g = innerGradient(x);
      double[] vb = Batches.toArray(v);
      int n = (int) x.rows();
      int d = (int) x.columns();
      double[] a = new double[n * d];
      for (int i = 0; i < n; i++) {
        double c = 0;
        for (int j = 0; j < d; j++) {
          c += vb[i * d + j] * g[i * d + j];
        }
        for (int j = 0; j < d; j++) {
          a[i * d + j] = c * vb[i * d + j];
        }
      }
      ((MixedGradient) inner).accumulateMixedGradient(x, Nd4j.createFromArray(a).reshape(n, d),
          (beta * beta - beta) * scale, out);
    }
  }

  @Override
  double logZ(double b) {
    return ((Temperable) inner).logZ(beta * b);
  }

  @Override
  void accumulateLogZGradient(double b, double scale, INDArray out) {
    ((Temperable) inner).accumulateLogZGradient(beta * b, scale, out);
  }

  @Override
  INDArray sample(double b, int n, Rng rng) {
    return ((Temperable) inner).sample(beta * b, n, rng);
  }

  private double[] innerGradient(INDArray x) {
    INDArray g = Batches.zeros(x.rows(), x.columns());
    inner.evaluate(x, Batches.zeros(x.rows()), g);
    return Batches.toArray(g);
  }

  private static void multiply(INDArray a, double f) {
    DoubleBuffer b = Batches.buffer(a);
    for (int q = 0; q < a.length(); q++) {
      b.put(q, b.get(q) * f);
    }
  }
}
