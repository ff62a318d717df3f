package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.random.Rng;
import java.util.function.DoubleFunction;

/**
 * Step-size adaptation by dual averaging (Hoffman and Gelman 2014, Algorithm 5 of the NUTS paper), for any kernel
 * family indexed by a step size. After step m with mean acceptance probability alpha_m (over the batch):
 *
 * <pre>
 *   Hbar_m = (1 - 1/(m + t0)) Hbar_{m-1} + (delta - alpha_m) / (m + t0)
 *   log h_m = mu - sqrt(m) / gamma * Hbar_m,        mu = log(10 h_0)
 *   log hbar_m = m^{-kappa} log h_m + (1 - m^{-kappa}) log hbar_{m-1}
 * </pre>
 *
 * with gamma = 0.05, t0 = 10, kappa = 0.75. For the first {@code warmup} steps the kernel uses h_m; afterwards the
 * step size is frozen at hbar, so the chain is a time-homogeneous Markov chain again. Each step, with whatever step
 * size, leaves the target invariant, so Jarzynski weights stay exact (invariant-kernel rule). Stateful: every run
 * gets its own copy, adaptation state and scratch, through {@link #fresh()}.
 *
 * <pre>{@code
 * Kernel k = Kernels.adaptive(Kernels::mala, 0.1, 0.574, 500);
 * }</pre>
 */
public final class DualAveraging implements Kernel {
  private static final double GAMMA = 0.05;
  private static final double T0 = 10;
  private static final double KAPPA = 0.75;

  private final DoubleFunction<Kernel> family;
  private final double h0;
  private final double target;
  private final int warmup;
  private int m;
  private double hbarStat;
  private double logH;
  private double logHbar;
  private Kernel current;
  private double hNow;

  DualAveraging(DoubleFunction<Kernel> family, double h0, double target, int warmup) {
    if (!(h0 > 0) || !Double.isFinite(h0)) {
      throw new IllegalArgumentException("initial step size must be positive and finite, got " + h0);
    }
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + target);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    this.family = family;
    this.h0 = h0;
    this.target = target;
    this.warmup = warmup;
    this.logH = Math.log(h0);
    this.logHbar = 0;
    this.current = family.apply(h0);
    this.hNow = h0;
    if (!current.leavesTargetInvariant()) {
      throw new IllegalArgumentException("adaptation needs a kernel that leaves the target invariant, got "
          + current.name());
    }
  }

  /** The step size in use now (frozen after warm-up). */
  public double stepSize() {
    return hNow;
  }

  /** Whether adaptation is over. */
  public boolean frozen() {
    return m >= warmup;
  }

  @Override
  public String name() {
    return "adaptive(" + current.name() + ", target=" + target + ", warmup=" + warmup + ")";
  }

  @Override
  public boolean needsGradient() {
    return current.needsGradient();
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  @Override
  public Kernel fresh() {
    return new DualAveraging(family, h0, target, warmup);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    return adapt(current.step(e, c, rng));
  }

  @Override
  public StepInfo transport(Energy e, Chains c, Rng rng) {
    return adapt(current.transport(e, c, rng));
  }

  @Override
  public void save(io.ebm4j.nd.State s) {
    s.putLongs("m", m).put("hbarStat", hbarStat).put("logH", logH).put("logHbar", logHbar).put("stepSize", hNow);
  }

  @Override
  public void restore(io.ebm4j.nd.State s) {
    m = (int) s.longs("m")[0];
    hbarStat = s.scalar("hbarStat");
    logH = s.scalar("logH");
    logHbar = s.scalar("logHbar");
    hNow = s.scalar("stepSize");
    Kernel next = family.apply(hNow);
    Proposal.handOver(current, next);
    current = next;
  }

  private StepInfo adapt(StepInfo info) {
    if (m < warmup) {
      m++;
      double w = 1.0 / (m + T0);
      hbarStat = (1 - w) * hbarStat + w * (target - info.acceptance());
      logH = Math.log(10 * h0) - Math.sqrt(m) / GAMMA * hbarStat;
      double eta = Math.pow(m, -KAPPA);
      logHbar = eta * logH + (1 - eta) * logHbar;
      hNow = Math.exp(m == warmup ? logHbar : logH);
      Kernel next = family.apply(hNow);
      Proposal.handOver(current, next);
      current = next;
    }
    return info;
  }
}
