package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Normals;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;

/**
 * Random-walk Metropolis: propose Y = X + sigma xi, accept with probability min(1, exp(U(X) - U(Y))). Needs no
 * gradient and leaves exp(-U)/Z exactly invariant.
 *
 * <pre>{@code
 * Kernel rwm = Kernels.randomWalk(0.5);
 * }</pre>
 */
public final class RandomWalkMetropolis implements Kernel {
  private final double sigma;
  Proposal scratch; // proposal scratch, allocated on the first step

  RandomWalkMetropolis(double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + sigma);
    }
    this.sigma = sigma;
  }

  /** Step size: the proposal standard deviation sigma. */
  public double stepSize() {
    return sigma;
  }

  @Override
  public String name() {
    return "rwm(stepSize=" + sigma + ")";
  }

  @Override
  public boolean needsGradient() {
    return false;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  /** A new random-walk kernel with the same scale and its own scratch. */
  @Override
  public Kernel fresh() {
    return new RandomWalkMetropolis(sigma);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    final int d = c.d;
    final Proposal sc = scratch = Proposal.fit(scratch, c);
    final DoubleBuffer yb = sc.yb;
    final DoubleBuffer uyb = sc.uyb;
    Par.forRange(c.n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      for (int k = from * d; k < to * d; k++) {
        yb.put(k, c.xb.get(k) + sigma * nrm.next());
      }
    });
    e.evaluate(sc.y, sc.uy, sc.gy);
    double accepted = Metropolis.acceptReject(c, sc, rng, i -> c.ub.get(i) - uyb.get(i));
    return new StepInfo(accepted / c.n, c.n);
  }
}
