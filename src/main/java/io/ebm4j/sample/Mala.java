package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Normals;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;

/**
 * The Metropolis-adjusted Langevin algorithm: propose Y = X - h grad U(X) + sqrt(2h) xi and accept with probability
 * min(1, exp(U(X) - U(Y) + log q(X|Y) - log q(Y|X))), q(y|x) = N(y; x - h grad U(x), 2h I). Leaves exp(-U)/Z
 * exactly invariant, so its Jarzynski weights use the invariant-kernel rule (see {@link Kernel#transport}).
 *
 * <pre>{@code
 * Kernel mala = Kernels.mala(0.05);
 * }</pre>
 */
public final class Mala implements Kernel {
  private final double h;
  Proposal scratch; // proposal scratch, allocated on the first step

  Mala(double h) {
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + h);
    }
    this.h = h;
  }

  /** Step size h. */
  public double stepSize() {
    return h;
  }

  @Override
  public String name() {
    return "mala(stepSize=" + h + ")";
  }

  @Override
  public boolean needsGradient() {
    return true;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  /** A new MALA kernel with the same step size and its own scratch. */
  @Override
  public Kernel fresh() {
    return new Mala(h);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    final int d = c.d;
    final double s = Math.sqrt(2 * h);
    final Proposal sc = scratch = Proposal.fit(scratch, c);
    final DoubleBuffer yb = sc.yb;
    final DoubleBuffer uyb = sc.uyb;
    final DoubleBuffer gyb = sc.gyb;
    // forward log-density term |xi|^2 / 2, kept per chain
    final double[] fwd = sc.perChain;
    Par.forRange(c.n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      for (int i = from; i < to; i++) {
        double xi2 = 0;
        for (int j = 0; j < d; j++) {
          int k = i * d + j;
          double xi = nrm.next();
          xi2 += xi * xi;
          yb.put(k, c.xb.get(k) - h * c.gb.get(k) + s * xi);
        }
        fwd[i] = 0.5 * xi2;
      }
    });
    e.evaluate(sc.y, sc.uy, sc.gy);
    double accepted = Metropolis.acceptReject(c, sc, rng, i -> {
      double back = 0;
      for (int j = 0; j < d; j++) {
        int k = i * d + j;
        double t = c.xb.get(k) - yb.get(k) + h * gyb.get(k);
        back += t * t;
      }
      return c.ub.get(i) - uyb.get(i) - back / (4 * h) + fwd[i];
    });
    return new StepInfo(accepted / c.n, c.n);
  }
}
