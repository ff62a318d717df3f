package io.ebm4j.gebm;

import io.ebm4j.energy.Energy;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Resampling;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The special case of a generalized energy-based model whose base has a density: a Real NVP flow B_theta with
 * log-density h_theta (Arbel, Zhou, Gretton, "Generalized Energy Based Models", ICLR 2021,
 * https://arxiv.org/abs/2003.05033, Section 2). The GEBM dQ = exp(-E) dB_theta / Z has the Lebesgue density
 * exp(-E + h_theta) / Z, so with the energy
 *
 * <pre>
 *   E(x) = r(x) + h_theta(x)
 * </pre>
 *
 * Q is exactly the EBM exp(-r) / Z_r, whatever the flow, and the GEBM's normaliser is the EBM's partition function:
 * log E_B[exp(-E)] = log integral exp(-r(x)) dx. (With the base density written exp(-h) instead, the same model has
 * E = r - h.) Exact GEBM samples are then importance samples of the EBM with the flow as proposal, and the latent
 * tilt nu(z) proportional to N(z; 0, I) exp(-E(T(z))) is exp(-r(T(z))) |det dT/dz| up to a constant: the flow's
 * pull-back of the EBM (neural transport). Here E is not trained: this class shows, and its test checks against
 * quadrature, that the GEBM's sampling and normaliser reduce to those of the EBM.
 *
 * <pre>{@code
 * RealNvp flow = RealNvp.builder(2).blocks(4).hidden(32).seed(1).build();
 * FlowGebm q = FlowGebm.of(flow, ebmEnergy);                 // Q = exp(-r) / Z_r
 * double logZ = q.logNormaliser(100_000, new Rng(2));      // log integral exp(-r)
 * INDArray x = q.sampleExact(1000, 100_000, new Rng(3));   // approximately exp(-r) / Z_r
 * }</pre>
 */
public final class FlowGebm {
  private final RealNvp base;
  private final Energy ebm;
  private final Energy energy;

  private FlowGebm(RealNvp base, Energy ebm) {
    if (base == null || ebm == null) {
      throw new IllegalArgumentException("base and ebm energy must not be null");
    }
    if (base.dim() != ebm.dim()) {
      throw new IllegalArgumentException("ebm energy dim " + ebm.dim() + " must equal the flow's dim "
          + base.dim());
    }
    this.base = base;
    this.ebm = ebm;
    this.energy = new Tilt();
  }

  /** The GEBM with base {@code base} whose model Q is the EBM exp(-r) / Z_r. */
  public static FlowGebm of(RealNvp base, Energy r) {
    return new FlowGebm(base, r);
  }

  /** The flow (the base B_theta). */
  public RealNvp base() {
    return base;
  }

  /** The EBM's energy r. */
  public Energy ebmEnergy() {
    return ebm;
  }

  /** The GEBM's energy E = r + h_theta on x, with its gradient grad r + grad h_theta. */
  public Energy energy() {
    return energy;
  }

  /** log E_B[exp(-E)] from {@code pool} flow draws (log-mean-exp): estimates log integral exp(-r). */
  public double logNormaliser(int pool, Rng rng) {
    return draws(pool, rng).logNormaliser;
  }

  /**
   * Exact GEBM samples in the large-pool limit: {@code pool} flow draws, weights exp(-E) = exp(-r) / exp(h_theta)
   * (the importance weights of the EBM with the flow as proposal), n of them resampled (multinomial). Returns [n, d].
   */
  public INDArray sampleExact(int n, int pool, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    Weighted w = draws(pool, rng);
    int[] a = Resampling.MULTINOMIAL.ancestors(w.weights, rng);
    return Gebm.pick(w.x, a, n, rng);
  }

  /** Flow draws with normalised weights exp(-E) and the log-mean-exp of -E. */
  record Weighted(INDArray x, double[] weights, double logNormaliser) {}

  Weighted draws(int pool, Rng rng) {
    if (pool < 1) {
      throw new IllegalArgumentException("pool must be at least 1, got " + pool);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    RealNvp.Draws s = base.sample(pool, rng);
    INDArray re = ebm.energy(s.x());
    INDArray he = s.logDensity();
    DoubleBuffer r = Batches.buffer(re);
    DoubleBuffer h = Batches.buffer(he);
    double[] logW = new double[pool];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pool; i++) {
      logW[i] = -(r.get(i) + h.get(i));
      max = Math.max(max, logW[i]);
    }
    if (!Double.isFinite(max)) {
      throw new IllegalStateException("GEBM energies must be finite on the flow's draws, got maximum log-weight "
          + max);
    }
    double sum = 0;
    double[] w = new double[pool];
    for (int i = 0; i < pool; i++) {
      w[i] = Math.exp(logW[i] - max);
      sum += w[i];
    }
    for (int i = 0; i < pool; i++) {
      w[i] /= sum;
    }
    Reference.reachabilityFence(re);
    Reference.reachabilityFence(he);
    return new Weighted(s.x(), w, max + Math.log(sum / pool));
  }

  /** E = r + h_theta as an {@link Energy}. */
  private final class Tilt implements Energy {
    @Override
    public int dim() {
      return base.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      ebm.evaluate(x, u, g);
      u.addi(base.logDensity(x));
      if (g != null) {
        g.addi(base.gradLogDensity(x));
      }
    }
  }
}
