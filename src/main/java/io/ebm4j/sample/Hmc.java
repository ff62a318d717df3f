package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Normals;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;

/**
 * Hamiltonian Monte Carlo with an identity mass matrix: draw momenta p ~ N(0, I), run L leapfrog steps of size eps
 * on H(x, p) = U(x) + |p|^2/2,
 *
 * <pre>
 *   p -= eps/2 grad U(x);  repeat L times { x += eps p; p -= eps grad U(x) (half a step the last time) }
 * </pre>
 *
 * and accept with probability min(1, exp(H_0 - H_L)). Leaves exp(-U)/Z exactly invariant; costs L energy evaluations
 * per step, all chains at once.
 *
 * <pre>{@code
 * Kernel hmc = Kernels.hmc(0.1, 10);
 * }</pre>
 */
public final class Hmc implements Kernel {
  private final double eps;
  private final int leapfrogSteps;
  Proposal scratch; // proposal scratch, allocated on the first step

  Hmc(double eps, int leapfrogSteps) {
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + eps);
    }
    if (leapfrogSteps < 1) {
      throw new IllegalArgumentException("leapfrogSteps must be at least 1, got " + leapfrogSteps);
    }
    this.eps = eps;
    this.leapfrogSteps = leapfrogSteps;
  }

  /** Leapfrog step size eps. */
  public double stepSize() {
    return eps;
  }

  /** Number of leapfrog steps L. */
  public int leapfrogSteps() {
    return leapfrogSteps;
  }

  @Override
  public String name() {
    return "hmc(stepSize=" + eps + ", L=" + leapfrogSteps + ")";
  }

  @Override
  public boolean needsGradient() {
    return true;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  /** A new HMC kernel with the same settings and its own scratch. */
  @Override
  public Kernel fresh() {
    return new Hmc(eps, leapfrogSteps);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    final int d = c.d;
    final Proposal sc = scratch = Proposal.fit(scratch, c);
    final DoubleBuffer yb = sc.yb;
    final DoubleBuffer uyb = sc.uyb;
    final DoubleBuffer gyb = sc.gyb;
    final DoubleBuffer pb = sc.momenta();
    final double[] h0 = sc.perChain;
    // momenta, first half step, first position step
    Par.forRange(c.n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      for (int i = from; i < to; i++) {
        double k = 0;
        for (int j = 0; j < d; j++) {
          int q = i * d + j;
          double pj = nrm.next();
          k += pj * pj;
          pj -= 0.5 * eps * c.gb.get(q);
          pb.put(q, pj);
          yb.put(q, c.xb.get(q) + eps * pj);
        }
        h0[i] = c.ub.get(i) + 0.5 * k;
      }
    });
    for (int l = 1; l <= leapfrogSteps; l++) {
      e.evaluate(sc.y, sc.uy, sc.gy);
      final boolean last = l == leapfrogSteps;
      Par.forRange(c.n, (ch, from, to) -> {
        for (int q = from * d; q < to * d; q++) {
          double pj = pb.get(q) - (last ? 0.5 : 1.0) * eps * gyb.get(q);
          pb.put(q, pj);
          if (!last) {
            yb.put(q, yb.get(q) + eps * pj);
          }
        }
      });
    }
    double acceptance = Metropolis.acceptReject(c, sc, rng, i -> {
      double k = 0;
      for (int j = 0; j < d; j++) {
        double pj = pb.get(i * d + j);
        k += pj * pj;
      }
      return h0[i] - (uyb.get(i) + 0.5 * k);
    });
    return new StepInfo(acceptance / c.n, (long) c.n * leapfrogSteps);
  }
}
