package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Normals;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NeuTra: Hamiltonian Monte Carlo in the latent space of a flow x = T(z). The chains stay in x-space; each step maps
 * them to z = T^{-1}(x) and runs HMC (identity mass, L leapfrog steps of size eps) on the pulled-back target
 *
 * <pre>
 *   V(z) = U(T(z)) - log|det dT/dz (z)|,    grad V(z) = (dT/dz)^T grad U(T(z)) - grad_z log|det dT/dz (z)|,
 * </pre>
 *
 * then maps the result back by T. A chain at X with density rho(x) has latent density exp(-V)/Z, so the kernel
 * leaves rho exactly invariant whatever the flow; when T pushes N(0, I) close to rho, V is close to |z|^2 / 2 and a
 * few large steps cross the whole target. With L = 1 and eps = sqrt(2h) this is MALA with step size h in z-space.
 * Each leapfrog step costs one flow pass, one energy evaluation (with gradient) and one reverse pass.
 *
 * <p>Hoffman, Sountsov, Dillon, Langmore, Tran, Vasudevan, "NeuTra-lizing Bad Geometry in Hamiltonian Monte Carlo
 * Using Neural Transport", 2019, https://arxiv.org/abs/1903.03704.
 *
 * <pre>{@code
 * Kernel k = FlowKernels.neutraHmc(flow, 0.3, 5);    // or FlowKernels.neutraMala(flow, 0.1)
 * Chains c = k.init(energy, x0);                       // chains cache grad U
 * StepInfo info = k.step(energy, c, rng);
 * }</pre>
 */
public final class Neutra implements Kernel {
  private final RealNvp flow;
  private final double eps;
  private final int leapfrogSteps;
  private final String name;
  private int n = -1;
  private double[] p;
  private double[] h0;
  private INDArray uy;
  private INDArray gy;

  Neutra(RealNvp flow, double eps, int leapfrogSteps, String name) {
    this.flow = Moves.requireFlow(flow);
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + eps);
    }
    if (leapfrogSteps < 1) {
      throw new IllegalArgumentException("leapfrogSteps must be at least 1, got " + leapfrogSteps);
    }
    this.eps = eps;
    this.leapfrogSteps = leapfrogSteps;
    this.name = name;
  }

  /** Leapfrog step size eps in z-space (sqrt(2h) for {@link FlowKernels#neutraMala} with step size h). */
  public double stepSize() {
    return eps;
  }

  /** Number of leapfrog steps L. */
  public int leapfrogSteps() {
    return leapfrogSteps;
  }

  /** The flow T (live). */
  public RealNvp flow() {
    return flow;
  }

  @Override
  public String name() {
    return name + ", " + flow + ")";
  }

  @Override
  public boolean needsGradient() {
    return true;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  @Override
  public Kernel fresh() {
    return new Neutra(flow, eps, leapfrogSteps, name);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    Moves.requireDims(flow, e, c);
    if (!c.hasGradients()) {
      throw new IllegalArgumentException("chains must cache gradients for " + name()
          + ": build them with this kernel's init");
    }
    final int d = c.dim();
    if (c.size() != n) {
      n = c.size();
      p = new double[n * d];
      h0 = new double[n];
      uy = Batches.zeros(n);
      gy = Batches.zeros(n, d);
    }
    final RealNvp.Work w = flow.work(n);
    final DoubleBuffer ub = Batches.buffer(c.energies());
    final DoubleBuffer zb = w.inb[0];
    final DoubleBuffer bar = w.barb;
    // current latent z = T^{-1}(x): V(z) = U(x) + log|det dT^{-1}/dx|; the forward pass at z rebuilds T's caches
    Moves.copyPositions(c, w.xb());
    flow.pullBack(w);
    for (int i = 0; i < n; i++) {
      h0[i] = ub.get(i) + w.ldb.get(i);
    }
    flow.pushForward(w);
    latentGradient(w, Batches.buffer(c.gradients()));
    final double[] pp = p;
    final double[] hh = h0;
    Par.forRange(n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      for (int i = from; i < to; i++) {
        double k = 0;
        for (int j = 0; j < d; j++) {
          int q = i * d + j;
          double pj = nrm.next();
          k += pj * pj;
          pj -= 0.5 * eps * bar.get(q);
          pp[q] = pj;
          zb.put(q, zb.get(q) + eps * pj);
        }
        hh[i] += 0.5 * k;
      }
    });
    final DoubleBuffer uyb = Batches.buffer(uy);
    final DoubleBuffer gyb = Batches.buffer(gy);
    for (int l = 1; l <= leapfrogSteps; l++) {
      flow.pushForward(w);
      e.evaluate(w.x(), uy, gy);
      latentGradient(w, gyb);
      final boolean last = l == leapfrogSteps;
      Par.forRange(n, (ch, from, to) -> {
        for (int q = from * d; q < to * d; q++) {
          double pj = pp[q] - (last ? 0.5 : 1.0) * eps * bar.get(q);
          pp[q] = pj;
          if (!last) {
            zb.put(q, zb.get(q) + eps * pj);
          }
        }
      });
    }
    final DoubleBuffer ldb = w.ldb;
    double acc = Moves.acceptReject(c, w.xb(), uyb, gyb, rng, i -> {
      double k = 0;
      for (int j = 0; j < d; j++) {
        double pj = pp[i * d + j];
        k += pj * pj;
      }
      return hh[i] - (uyb.get(i) - ldb.get(i) + 0.5 * k);
    });
    return new StepInfo(acc / n, (long) n * leapfrogSteps);
  }

  /** grad V at the z of the last forward pass held in w, given grad U at its image: left in w.bar. */
  private void latentGradient(RealNvp.Work w, DoubleBuffer gradU) {
    final DoubleBuffer bar = w.barb;
    final int d = flow.dim();
    Par.forRange(n, (ch, from, to) -> {
      for (int q = from * d; q < to * d; q++) {
        bar.put(q, gradU.get(q));
      }
    });
    Arrays.fill(w.ldBar, 0, n, -1.0);
    flow.backwardOfForward(w, null);
  }
}
