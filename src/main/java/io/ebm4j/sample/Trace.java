package io.ebm4j.sample;

import io.ebm4j.estimate.Autocorrelation;
import io.ebm4j.estimate.SplitRhat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The result of a {@link Sampling} run: the draws kept after warm-up (every thin-th step), stored flat as
 * [draws][chains][dim], the cached energies of those draws, the mean acceptance of every step (warm-up included),
 * each chain's fraction of moves after warm-up, the number of energy evaluations and the wall-clock time.
 *
 * <pre>{@code
 * Trace t = Ebm.sample(energy).kernel(Kernels.mala(0.1)).chains(64).steps(2000).seed(42).run();
 * Table d = t.diagnostics();        // per coordinate: mean, sd, mcse, ess, essBulk, splitRhat, rankRhat
 * INDArray x = t.samples();         // [draws * chains, dim]
 * double v = t.value(10, 3, 0);     // coordinate 0 of chain 3 at kept draw 10
 * }</pre>
 */
public final class Trace {
  private final String kernel;
  private final int draws;
  private final int chains;
  private final int dim;
  private final int warmup;
  private final int thin;
  private final double[] x;
  private final double[] energy;
  private final double[] stepAcceptance;
  private final double[] chainAcceptance;
  private final long evaluations;
  private final double seconds;

  Trace(String kernel, int draws, int chains, int dim, int warmup, int thin, double[] x, double[] energy,
      double[] stepAcceptance, double[] chainAcceptance, long evaluations, double seconds) {
    this.kernel = kernel;
    this.draws = draws;
    this.chains = chains;
    this.dim = dim;
    this.warmup = warmup;
    this.thin = thin;
    this.x = x;
    this.energy = energy;
    this.stepAcceptance = stepAcceptance;
    this.chainAcceptance = chainAcceptance;
    this.evaluations = evaluations;
    this.seconds = seconds;
  }

  /** The kernel's name, e.g. "mala(h=0.1)". */
  public String kernel() {
    return kernel;
  }

  /** Number of kept draws per chain. */
  public int draws() {
    return draws;
  }

  /** Number of chains N. */
  public int chains() {
    return chains;
  }

  /** Dimension d. */
  public int dim() {
    return dim;
  }

  /** Warm-up steps run before the first kept draw. */
  public int warmup() {
    return warmup;
  }

  /** Steps between kept draws. */
  public int thin() {
    return thin;
  }

  /** Coordinate {@code coord} of chain {@code chain} at kept draw {@code draw}. */
  public double value(int draw, int chain, int coord) {
    check("draw", draw, draws);
    check("chain", chain, chains);
    check("coord", coord, dim);
    return x[(draw * chains + chain) * dim + coord];
  }

  /** Cached energy U of chain {@code chain} at kept draw {@code draw}. */
  public double energy(int draw, int chain) {
    check("draw", draw, draws);
    check("chain", chain, chains);
    return energy[draw * chains + chain];
  }

  /** Coordinate {@code coord} of every chain as [chains][draws], the layout of the estimators in estimate. */
  public double[][] coordinate(int coord) {
    check("coord", coord, dim);
    double[][] out = new double[chains][draws];
    for (int t = 0; t < draws; t++) {
      for (int c = 0; c < chains; c++) {
        out[c][t] = x[(t * chains + c) * dim + coord];
      }
    }
    return out;
  }

  /** All kept draws as one batch [draws * chains, dim]; row t * chains + c is chain c at draw t. */
  public INDArray samples() {
    return Nd4j.createFromArray(x.clone()).reshape('c', (long) draws * chains, dim);
  }

  /** Mean acceptance probability over the chains at every step, warm-up first (length warmup + steps). */
  public double[] stepAcceptance() {
    return stepAcceptance.clone();
  }

  /** Mean of {@link #stepAcceptance} over the steps after warm-up. */
  public double meanAcceptance() {
    double s = 0;
    for (int t = warmup; t < stepAcceptance.length; t++) {
      s += stepAcceptance[t];
    }
    return s / (stepAcceptance.length - warmup);
  }

  /**
   * Per chain, the fraction of steps after warm-up in which it moved: its observed acceptance rate (1 for kernels
   * that always move, such as ULA).
   */
  public double[] chainAcceptance() {
    return chainAcceptance.clone();
  }

  /** Energy evaluations of the whole run, at one per point (the initial one at x0 included). */
  public long evaluations() {
    return evaluations;
  }

  /** Wall-clock seconds of the run. */
  public double seconds() {
    return seconds;
  }

  /**
   * One row per coordinate: mean and sd over all kept draws, ess ({@link Autocorrelation#ess}, pooled over chains),
   * mcse = sd / sqrt(ess) (the Monte Carlo standard error of the mean), essBulk ({@link Autocorrelation#essBulk}),
   * splitRhat ({@link SplitRhat#of}) and rankRhat ({@link SplitRhat#rankNormalized}). Needs at least 8 draws.
   */
  public Table diagnostics() {
    if (draws < 8) {
      throw new IllegalStateException("diagnostics need at least 8 kept draws per chain, got " + draws);
    }
    IntColumn coord = IntColumn.create("coordinate");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn sd = DoubleColumn.create("sd");
    DoubleColumn mcse = DoubleColumn.create("mcse");
    DoubleColumn ess = DoubleColumn.create("ess");
    DoubleColumn bulk = DoubleColumn.create("essBulk");
    DoubleColumn rhat = DoubleColumn.create("splitRhat");
    DoubleColumn rank = DoubleColumn.create("rankRhat");
    for (int j = 0; j < dim; j++) {
      double[][] v = coordinate(j);
      double s1 = 0;
      for (double[] c : v) {
        for (double a : c) {
          s1 += a;
        }
      }
      double mu = s1 / ((double) chains * draws);
      double s2 = 0;
      for (double[] c : v) {
        for (double a : c) {
          s2 += (a - mu) * (a - mu);
        }
      }
      double sdj = Math.sqrt(s2 / ((double) chains * draws - 1));
      double essj = Autocorrelation.ess(v);
      coord.append(j);
      mean.append(mu);
      sd.append(sdj);
      ess.append(essj);
      mcse.append(sdj / Math.sqrt(essj));
      bulk.append(Autocorrelation.essBulk(v));
      rhat.append(SplitRhat.of(v));
      rank.append(SplitRhat.rankNormalized(v));
    }
    return Table.create("diagnostics of " + kernel, coord, mean, sd, mcse, ess, bulk, rhat, rank);
  }

  /** One row per chain: its acceptance ({@link #chainAcceptance}) and the mean of its energies over kept draws. */
  public Table chainTable() {
    IntColumn chain = IntColumn.create("chain");
    DoubleColumn acc = DoubleColumn.create("acceptance");
    DoubleColumn meanEnergy = DoubleColumn.create("meanEnergy");
    for (int c = 0; c < chains; c++) {
      double s = 0;
      for (int t = 0; t < draws; t++) {
        s += energy[t * chains + c];
      }
      chain.append(c);
      acc.append(chainAcceptance[c]);
      meanEnergy.append(s / draws);
    }
    return Table.create("chains of " + kernel, chain, acc, meanEnergy);
  }

  @Override
  public String toString() {
    return "Trace[" + kernel + ", " + draws + " draws x " + chains + " chains x " + dim + " dims, acceptance "
        + meanAcceptance() + ", " + evaluations + " evaluations, " + seconds + " s]";
  }

  private static void check(String name, int i, int size) {
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException(name + " must be in [0, " + size + "), got " + i);
    }
  }
}
