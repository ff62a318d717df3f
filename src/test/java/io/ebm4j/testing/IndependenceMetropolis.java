package io.ebm4j.testing;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Normals;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Independence Metropolis with a Gaussian proposal, a kernel written outside io.ebm4j.sample against the public
 * API of {@link Chains} only: propose Y ~ N(m, s^2 I) whatever X is, accept with probability
 * min(1, exp(U(X) - U(Y) + log q(X) - log q(Y))), log q(z) = -|z - m|^2 / (2 s^2) + const. It owns its proposal
 * scratch and hands out a fresh copy per run.
 */
public final class IndependenceMetropolis implements Kernel {
  private final double[] m;
  private final double s;
  private INDArray y;
  private INDArray uy;

  public IndependenceMetropolis(double[] m, double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("proposal scale s must be positive and finite, got " + s);
    }
    this.m = m.clone();
    this.s = s;
  }

  @Override
  public String name() {
    return "independence(s=" + s + ")";
  }

  @Override
  public boolean needsGradient() {
    return false;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  @Override
  public Kernel fresh() {
    return new IndependenceMetropolis(m, s);
  }

  private double logQ(DoubleBuffer z, int i, int d) {
    double r2 = 0;
    for (int j = 0; j < d; j++) {
      double t = z.get(i * d + j) - m[j];
      r2 += t * t;
    }
    return -r2 / (2 * s * s);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    final int n = c.size();
    final int d = c.dim();
    if (y == null || y.rows() != n) {
      y = Batches.zeros(n, d);
      uy = Batches.zeros(n);
    }
    final DoubleBuffer yb = Batches.buffer(y);
    final DoubleBuffer uyb = Batches.buffer(uy);
    final DoubleBuffer xb = c.positionBuffer();
    final DoubleBuffer ub = c.energyBuffer();
    Par.forRange(n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      for (int k = from * d; k < to * d; k++) {
        yb.put(k, m[k % d] + s * nrm.next());
      }
    });
    e.evaluate(y, uy, null);
    double accepted = Par.sum(n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      double acc = 0;
      for (int i = from; i < to; i++) {
        double logA = ub.get(i) - uyb.get(i) + logQ(xb, i, d) - logQ(yb, i, d);
        acc += logA >= 0 ? 1.0 : Math.exp(logA);
        if (Math.log(r.nextDouble()) < logA) {
          c.accept(i, yb, uyb, null);
        }
      }
      return acc;
    });
    return new StepInfo(accepted / n, n);
  }
}
