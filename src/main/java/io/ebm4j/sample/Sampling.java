package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.ExactSampler;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sampling a fixed energy, configured fluently: N chains start at x0, run {@code warmup} steps of the kernel that
 * are thrown away, then {@code steps} steps of which every {@code thin}-th is kept in a {@link Trace} with its
 * diagnostics. No parameter changes, so no weights: this is plain MCMC.
 *
 * <pre>{@code
 * Trace t = Sampling.of(energy)
 *     .kernel(Kernels.mala(0.1))
 *     .chains(64)
 *     .from(x0)                 // [64, d]; or .from(exactSampler); default: all chains at 0
 *     .warmup(500).steps(2000).thin(1).seed(42)
 *     .run();
 * t.diagnostics();
 * }</pre>
 */
public final class Sampling {
  /** Largest trace kept, in doubles (draws x chains x (dim + 1)): 2^28, 2 GiB. */
  public static final long MAX_TRACE_DOUBLES = 1L << 28;
  private static final int DEFAULT_CHAINS = 4;

  private final Energy energy;
  private Kernel kernel;
  private int chains;
  private INDArray x0;
  private ExactSampler initial;
  private int warmup = 500;
  private int steps = 1000;
  private int thin = 1;
  private long seed;

  private Sampling(Energy energy) {
    if (energy == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    this.energy = energy;
  }

  /** Starts configuring a run on a fixed energy. */
  public static Sampling of(Energy energy) {
    return new Sampling(energy);
  }

  /** The Markov kernel (required), e.g. {@code Kernels.mala(0.1)}; the run uses its own {@link Kernel#fresh()} copy. */
  public Sampling kernel(Kernel k) {
    if (k == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    this.kernel = k;
    return this;
  }

  /** Number of chains N >= 1 (default: the rows of x0, else 4). */
  public Sampling chains(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chains must be at least 1, got " + n);
    }
    this.chains = n;
    return this;
  }

  /** Starting points x0 [N, d] (validated, copied); N must equal {@link #chains} when both are given. */
  public Sampling from(INDArray x0) {
    this.x0 = Batches.requireBatch(x0, energy.dim(), "x0").dup('c');
    this.initial = null;
    return this;
  }

  /** Starting points drawn from a sampler (e.g. an energy with exact samples, or {@code (n, rng) -> ...}). */
  public Sampling from(ExactSampler sampler) {
    if (sampler == null) {
      throw new IllegalArgumentException("sampler must not be null");
    }
    this.initial = sampler;
    this.x0 = null;
    return this;
  }

  /** Steps run and discarded before the first kept draw (default 500, at least 0). */
  public Sampling warmup(int w) {
    if (w < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + w);
    }
    this.warmup = w;
    return this;
  }

  /** Steps run after warm-up (default 1000, at least 1). */
  public Sampling steps(int s) {
    if (s < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + s);
    }
    this.steps = s;
    return this;
  }

  /** Keep every thin-th step after warm-up (default 1, at least 1); steps / thin draws are kept. */
  public Sampling thin(int t) {
    if (t < 1) {
      throw new IllegalArgumentException("thin must be at least 1, got " + t);
    }
    this.thin = t;
    return this;
  }

  /** Seed of every random choice of the run (default 0). */
  public Sampling seed(long s) {
    this.seed = s;
    return this;
  }

  /** Runs the chains and returns the kept draws. */
  public Trace run() {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must be set, e.g. .kernel(Kernels.mala(0.1))");
    }
    final int d = energy.dim();
    final int n = chains > 0 ? chains : x0 != null ? (int) x0.rows() : DEFAULT_CHAINS;
    if (x0 != null && x0.rows() != n) {
      throw new IllegalArgumentException("x0 must have shape [" + n + ", " + d + "] for " + n + " chains, got ["
          + x0.rows() + ", " + x0.columns() + "]");
    }
    if (steps < thin) {
      throw new IllegalArgumentException("steps must be at least thin to keep a draw, got steps=" + steps
          + " thin=" + thin);
    }
    final int draws = steps / thin;
    long size = (long) draws * n * (d + 1);
    if (size > MAX_TRACE_DOUBLES) {
      throw new IllegalArgumentException("trace of " + draws + " draws x " + n + " chains x (dim " + d
          + " + energy) = " + size + " doubles exceeds the limit of " + MAX_TRACE_DOUBLES
          + "; raise thin or lower steps or chains");
    }
    final long start = System.nanoTime();
    final Kernel k = kernel.fresh();
    final Rng rng = new Rng(seed);
    INDArray start0;
    if (x0 != null) {
      start0 = x0;
    } else if (initial != null) {
      INDArray s = Batches.requireBatch(initial.sample(n, rng.split()), d, "x0 drawn from the sampler");
      if (s.rows() != n) {
        throw new IllegalArgumentException("x0 drawn from the sampler must have " + n + " rows, got " + s.rows());
      }
      start0 = s;
    } else {
      start0 = Batches.zeros(n, d);
    }
    final Chains c = k.init(energy, start0);
    requireFiniteEnergies(c, -1);
    final DoubleBuffer xb = c.positionBuffer();
    final DoubleBuffer ub = c.energyBuffer();
    final int nd = n * d;
    final double[] x = new double[draws * nd];
    final double[] u = new double[draws * n];
    final double[] stepAcceptance = new double[warmup + steps];
    final long[] moves = new long[n];
    final double[] before = new double[nd];
    long evaluations = n;
    int kept = 0;
    for (int t = 0; t < warmup + steps; t++) {
      boolean sampling = t >= warmup;
      if (sampling) {
        xb.get(0, before);
      }
      StepInfo info = k.step(energy, c, rng);
      stepAcceptance[t] = info.acceptance();
      evaluations += info.evaluations();
      requireFiniteEnergies(c, t);
      if (sampling) {
        for (int i = 0; i < n; i++) {
          for (int j = i * d; j < (i + 1) * d; j++) {
            if (xb.get(j) != before[j]) {
              moves[i]++;
              break;
            }
          }
        }
        if ((t - warmup + 1) % thin == 0) {
          xb.get(0, x, kept * nd, nd);
          ub.get(0, u, kept * n, n);
          kept++;
        }
      }
    }
    double[] chainAcceptance = new double[n];
    for (int i = 0; i < n; i++) {
      chainAcceptance[i] = (double) moves[i] / steps;
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new Trace(k.name(), draws, n, d, warmup, thin, x, u, stepAcceptance, chainAcceptance, evaluations,
        seconds);
  }

  private static void requireFiniteEnergies(Chains c, int step) {
    DoubleBuffer ub = c.energyBuffer();
    for (int i = 0; i < c.size(); i++) {
      double v = ub.get(i);
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("chain " + i + " has energy " + v + (step < 0 ? " at x0"
            : " after step " + step) + "; the kernel left the region where U is finite (lower its step size?)");
      }
    }
  }
}
