package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.nd.VecMath;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two-well family of Carbone, Hua, Coste, Vanden-Eijnden (NeurIPS 2023), in any dimension:
 *
 * <pre>
 *   U_z(x) = -log( exp(-|x-a|^2/2) + exp(-z) exp(-|x-b|^2/2) ),   Z_z = (1 + e^{-z}) (2 pi)^{d/2},
 * </pre>
 *
 * a mixture of two unit Gaussians at a and b in which mode b has mass q = e^{-z}/(1+e^{-z}). The single parameter is
 * z. With p(x) = e^{-z}N_b / (N_a + e^{-z}N_b), the posterior of mode b:
 * grad_x U = x - a - p (b - a), dU/dz = p, Laplacian U = d - p(1-p)|b-a|^2, Hess U = I - p(1-p)(b-a)(b-a)^T and
 * dp/dz = -p(1-p), which give every score-matching objective in closed form. Evaluated with a log-sum-exp so that
 * wells 20 apart (energies up to ~200) lose nothing.
 *
 * <pre>{@code
 * TwoWells truth = Energies.twoWells(-10, 10).withMassOfB(0.8);
 * INDArray data = truth.sample(10_000, 42);
 * double q = truth.massOfB();   // 0.8
 * }</pre>
 */
public final class TwoWells implements TrainableEnergy, ExactNormalizer, ExactSampler, ScoreMatchable,
    SlicedScoreMatchable, DenoisingScoreMatchable {
  private final double[] a;
  private final double[] b;
  private final double sep2;
  private final double[] mid; // (a + b) / 2, for inWellB
  private final double[] ab; // b - a
  private final INDArray params;

  TwoWells(double[] a, double[] b, double z) {
    if (a == null || b == null || a.length == 0 || a.length != b.length) {
      throw new IllegalArgumentException("a and b must be non-empty and of equal length, got "
          + Arrays.toString(a) + " and " + Arrays.toString(b));
    }
    for (int j = 0; j < a.length; j++) {
      if (!Double.isFinite(a[j]) || !Double.isFinite(b[j])) {
        throw new IllegalArgumentException("a and b must be finite, got a=" + Arrays.toString(a) + " b="
            + Arrays.toString(b));
      }
    }
    if (Arrays.equals(a, b)) {
      throw new IllegalArgumentException("a and b must differ, got a = b = " + Arrays.toString(a));
    }
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite, got " + z);
    }
    this.a = a.clone();
    this.b = b.clone();
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (b[j] - a[j]) * (b[j] - a[j]);
    }
    this.sep2 = s;
    this.mid = new double[a.length];
    this.ab = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      mid[j] = 0.5 * (a[j] + b[j]);
      ab[j] = b[j] - a[j];
    }
    this.params = Batches.vector(z);
  }

  /** The same wells with mass q of mode b, i.e. z = log((1-q)/q); q must lie in (0, 1). */
  public TwoWells withMassOfB(double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("massOfB must be in (0, 1), got " + q);
    }
    return new TwoWells(a, b, Math.log((1 - q) / q));
  }

  /** The same wells with parameter z. */
  public TwoWells withZ(double z) {
    return new TwoWells(a, b, z);
  }

  /** Current parameter z. */
  public double z() {
    return params.getDouble(0);
  }

  /** Mass of mode b, q = e^{-z}/(1+e^{-z}) = 1/(1+e^z). */
  public double massOfB() {
    return 1.0 / (1.0 + Math.exp(z()));
  }

  /** Centre of mode a (copy). */
  public double[] a() {
    return a.clone();
  }

  /** Centre of mode b (copy). */
  public double[] b() {
    return b.clone();
  }

  /**
   * Which well a point is in: true when x is on b's side of the hyperplane halfway between a and b.
   */
  public boolean inWellB(DoubleBuffer x, int row) {
    int d = a.length;
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += (x.get(row * d + j) - mid[j]) * ab[j];
    }
    return s > 0;
  }

  /**
   * Which well each row of x [n, d] is in, as {@link #inWellB(DoubleBuffer, int)} decides it, into side[0, n); rows
   * are read in bulk blocks, for trackers that classify every walker at every step.
   */
  public void inWellB(INDArray x, boolean[] side) {
    final int d = a.length;
    final int n = (int) x.rows();
    if (x.columns() != d || side.length < n) {
      throw new IllegalArgumentException("x must be [n, " + d + "] with side of length at least n, got x "
          + Arrays.toString(x.shape()) + " and side of length " + side.length);
    }
    final DoubleBuffer xb = Batches.buffer(x);
    final int block = VecMath.BLOCK;
    double[] xs = Scratch.get(d).xs;
    for (int r = 0; r < n; r += block) {
      int m = Math.min(block, n - r);
      xb.get(r * d, xs, 0, m * d);
      if (d == 1) { // a flat loop: a nested loop over one coordinate costs more than the arithmetic
        final double mid0 = mid[0];
        final double ab0 = ab[0];
        for (int i = 0; i < m; i++) {
          side[r + i] = (xs[i] - mid0) * ab0 > 0;
        }
        continue;
      }
      for (int i = 0; i < m; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (xs[i * d + j] - mid[j]) * ab[j];
        }
        side[r + i] = s > 0;
      }
    }
  }

  @Override
  public int dim() {
    return a.length;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    return new String[] {"z"};
  }

  @Override
  public TwoWells copy() {
    return new TwoWells(a, b, z());
  }

  /** Squared half-distances r_a = |x-a|^2/2 and r_b = |x-b|^2/2 + z, returned as r_a - r_b; r_a into ra[0]. */
  private double halfDistances(DoubleBuffer x, int row, double z, double[] ra) {
    int d = a.length;
    double sa = 0;
    double sb = 0;
    for (int j = 0; j < d; j++) {
      double v = x.get(row * d + j);
      double da = v - a[j];
      double db = v - b[j];
      sa += da * da;
      sb += db * db;
    }
    ra[0] = 0.5 * sa;
    return 0.5 * sa - (0.5 * sb + z);
  }

  /**
   * Posterior of mode b from delta = r_a - r_b, stable for any sign. Beyond delta = 40, 1/(1 + e^{-delta}) is 1.0
   * exactly in double precision (e^{-40} < 2^-57), so the exponential is skipped: deep in well b, where most points
   * sit, this is the common case.
   */
  private static double posteriorB(double delta) {
    if (delta > 40) {
      return 1.0;
    }
    if (delta > 0) {
      return 1.0 / (1.0 + Math.exp(-delta));
    }
    double e = Math.exp(delta);
    return e / (1.0 + e);
  }

  /** 2^1023 ~ 9e307: a nonzero double times it twice is at least 4.9e-324 * 2^2046 ~ 4e292 in magnitude. */
  private static final double HUGE = 0x1p1023;
  /** Below this e = exp(-|delta|), log(1 + e) is taken as e (1 + e has lost e's digits). */
  private static final double TINY = 1e-8;

  /**
   * 1 for y &gt; 0, 0 for y &lt;= 0 (and -0), by min, max and multiplies alone: any nonzero y times 2^1023 twice is
   * beyond 1 in magnitude. The selections of the fused loops are built from it rather than from a branch or a
   * conditional move, which the JIT does not vectorise (which well a walker sits in is random, so a branch per row
   * was mispredicted half the time).
   */
  private static double step(double y) {
    return Math.min(1.0, Math.max(0.0, y * HUGE * HUGE));
  }

  /**
   * The posteriors of mode b over a block, p_k = num_k / (1 + e_k) with num_k = 1 for delta_k &gt; 0, else e_k
   * (e = exp(-|delta|), so at delta = +-0 both are 1), as max(e_k, step(delta_k)), which is exactly that number
   * since 0 &lt;= e_k &lt;= 1. One loop the JIT compiles to vector divides.
   */
  private static void posteriors(int m, double[] dl, double[] ex, double[] ps) {
    for (int k = 0; k < m; k++) {
      double e = ex[k];
      ps[k] = Math.max(e, step(dl[k])) / (1.0 + e);
    }
  }

  /**
   * U = min(r_a, r_a - delta) - (e &gt; TINY ? log(1 + e) : e) over a block, in place of r_a in ra; the selection as
   * t lg + (1 - t) e with t = step(e - TINY) in {0, 1}, which gives either term exactly (both are finite and
   * non-negative).
   */
  private static void energies(int m, double[] ra, double[] dl, double[] ex, double[] lg) {
    for (int k = 0; k < m; k++) {
      double e = ex[k];
      double r = ra[k];
      double t = step(e - TINY);
      ra[k] = Math.min(r, r - dl[k]) - (t * lg[k] + (1.0 - t) * e);
    }
  }

  /**
   * Energies and gradients in blocks of {@link VecMath#BLOCK} rows, on arrays (one bulk copy in and out per block):
   * one pass for the half-distances, one vectorised exponential e = exp(-|r_a - r_b|) and logarithm log(1 + e) per
   * block, then short loops the JIT vectorises for U = min(r_a, r_b) - log(1 + e) (with log(1 + e) = e below
   * e = 1e-8, where 1 + e loses e's digits), the posteriors and the gradient, on this thread's reused scratch.
   */
  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer gb = g == null ? null : Batches.buffer(g);
    final double z = z();
    Par.forRange((int) x.rows(), (c, from, to) -> evaluateRows(xb, ub, gb, null, false, from, to, z));
  }

  /**
   * {@link #evaluate} and {@link #accumulateParamGradient} in one pass: the posteriors p_i of the energies' pass are
   * summed as the parameter gradient sums them (row order within a chunk, chunks in order), so the numbers are those
   * of the two calls.
   */
  @Override
  public void evaluateAndAccumulate(INDArray x, INDArray u, INDArray g, INDArray w, double scale, INDArray out) {
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer gb = g == null ? null : Batches.buffer(g);
    final DoubleBuffer wb = w == null ? null : Batches.buffer(w);
    final double z = z();
    double s = Par.sum((int) x.rows(), (c, from, to) -> evaluateRows(xb, ub, gb, wb, true, from, to, z));
    out.putScalar(0, out.getDouble(0) + scale * s);
  }

  /**
   * Rows [from, to) of {@link #evaluate}, returning sum_i w_i p_i over them (w = 1 when wb is null) when
   * {@code sum}, else 0.
   */
  private double evaluateRows(DoubleBuffer xb, DoubleBuffer ub, DoubleBuffer gb, DoubleBuffer wb, boolean sum,
      int from, int to, double z) {
    final int d = a.length;
    final int block = VecMath.BLOCK;
    Scratch bl = Scratch.get(d);
    double[] xs = bl.xs;
    double[] ra = bl.ra;
    double[] ps = bl.ps;
    double[] lg = bl.lg;
    double[] ws = wb == null ? null : bl.ws;
    double acc = 0;
    for (int s = from; s < to; s += block) {
      int m = load(bl, xb, s, to, z);
      for (int k = 0; k < m; k++) {
        lg[k] = 1.0 + bl.ex[k];
      }
      VecMath.log(lg, 0, m);
      energies(m, ra, bl.dl, bl.ex, lg);
      ub.put(s, ra, 0, m);
      if (gb != null || sum) {
        posteriors(m, bl.dl, bl.ex, ps);
      }
      if (gb != null) {
        if (d == 1) { // a flat loop: a nested loop over one coordinate costs more than the arithmetic
          final double a0 = a[0];
          final double ab0 = b[0] - a[0];
          for (int k = 0; k < m; k++) {
            xs[k] = xs[k] - a0 - ps[k] * ab0;
          }
        } else {
          for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
              xs[k * d + j] = xs[k * d + j] - a[j] - ps[k] * (b[j] - a[j]);
            }
          }
        }
        gb.put(s * d, xs, 0, m * d);
      }
      if (sum) {
        if (ws != null) {
          wb.get(s, ws, 0, m);
        }
        acc = addPosteriors(acc, ps, ws, m);
      }
    }
    return acc;
  }

  /**
   * sum_i w_i p_i (w = 1 when null) in blocks with a vectorised exponential; p_i is {@link #posteriorB}'s value
   * (for delta &gt; 40, 1/(1 + e) rounds to 1.0 exactly, as there), summed in row order.
   */
  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer wb = w == null ? null : Batches.buffer(w);
    final double z = z();
    double s = Par.sum((int) x.rows(), (c, from, to) -> {
      Scratch bl = Scratch.get(a.length);
      double[] ws = wb == null ? null : bl.ws;
      double acc = 0;
      for (int st = from; st < to; st += VecMath.BLOCK) {
        int m = load(bl, xb, st, to, z);
        if (ws != null) {
          wb.get(st, ws, 0, m);
        }
        posteriors(m, bl.dl, bl.ex, bl.ps);
        acc = addPosteriors(acc, bl.ps, ws, m);
      }
      return acc;
    });
    out.putScalar(0, out.getDouble(0) + scale * s);
  }

  /** acc + sum_k w_k p_k over a block of posteriors, added in row order (w = 1 when ws is null). */
  private static double addPosteriors(double acc, double[] ps, double[] ws, int m) {
    if (ws == null) {
      for (int k = 0; k < m; k++) {
        acc += ps[k];
      }
    } else {
      for (int k = 0; k < m; k++) {
        acc += ws[k] * ps[k];
      }
    }
    return acc;
  }

  /**
   * A thread's scratch for a block of up to {@link VecMath#BLOCK} rows: the rows x, r_a = |x-a|^2/2,
   * delta = r_a - r_b, e = exp(-|delta|), the posteriors, log(1 + e) and weights, which every blocked pass of this
   * energy starts from. Kept per thread and reused from call to call: a pass allocating its arrays anew per chunk
   * spent about a sixth of its time clearing them. No pass calls another while it holds them.
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
    double[] xs = new double[VecMath.BLOCK];
    final double[] ra = new double[VecMath.BLOCK];
    final double[] dl = new double[VecMath.BLOCK];
    final double[] ex = new double[VecMath.BLOCK];
    final double[] ps = new double[VecMath.BLOCK];
    final double[] lg = new double[VecMath.BLOCK];
    final double[] ws = new double[VecMath.BLOCK];

    /** This thread's scratch, with room for blocks of d-dimensional rows. */
    static Scratch get(int d) {
      Scratch s = OF_THREAD.get();
      if (s.xs.length < VecMath.BLOCK * d) {
        s.xs = new double[VecMath.BLOCK * d];
      }
      return s;
    }
  }

  /** Loads the block of rows from st (up to row end) into bl and computes r_a, delta and e; returns its row count. */
  private int load(Scratch bl, DoubleBuffer xb, int st, int end, double z) {
    int m = Math.min(VecMath.BLOCK, end - st);
    xb.get(st * a.length, bl.xs, 0, m * a.length);
    halfDistances(bl.xs, m, z, bl.ra, bl.dl, bl.ex);
    VecMath.exp(bl.ex, m);
    return m;
  }

  /**
   * For the m rows of xs [m, d]: r_a = |x-a|^2/2 into ra, delta = r_a - r_b (r_b = |x-b|^2/2 + z) into dl and
   * -|delta| into ex (the exponent of e).
   */
  private void halfDistances(double[] xs, int m, double z, double[] ra, double[] dl, double[] ex) {
    final int d = a.length;
    if (d == 1) {
      // the same arithmetic as below, as a straight loop the JIT vectorises
      final double a0 = a[0];
      final double b0 = b[0];
      for (int k = 0; k < m; k++) {
        double v = xs[k];
        double da = v - a0;
        double db = v - b0;
        double sa = da * da;
        double sb = db * db;
        double delta = 0.5 * sa - (0.5 * sb + z);
        ra[k] = 0.5 * sa;
        dl[k] = delta;
        ex[k] = -Math.abs(delta);
      }
      return;
    }
    for (int k = 0; k < m; k++) {
      double sa = 0;
      double sb = 0;
      for (int j = 0; j < d; j++) {
        double v = xs[k * d + j];
        double da = v - a[j];
        double db = v - b[j];
        sa += da * da;
        sb += db * db;
      }
      double delta = 0.5 * sa - (0.5 * sb + z);
      ra[k] = 0.5 * sa;
      dl[k] = delta;
      ex[k] = -Math.abs(delta);
    }
  }

  @Override
  public double logZ() {
    double z = z();
    // log(1 + e^{-z}) computed stably
    double l = z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    return l + 0.5 * a.length * Math.log(2 * Math.PI);
  }

  @Override
  public void accumulateLogZGradient(double scale, INDArray out) {
    // d/dz log(1 + e^{-z}) = -q
    out.putScalar(0, out.getDouble(0) - scale * massOfB());
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    final int d = a.length;
    final double q = massOfB();
    INDArray x = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    Par.forRange(n, (c, from, to) -> {
      SplitMix r = rng.stream(c);
      for (int i = from; i < to; i++) {
        double[] m = r.nextDouble() < q ? b : a;
        for (int j = 0; j < d; j++) {
          xb.put(i * d + j, m[j] + Rng.normal(r));
        }
      }
    });
    return x;
  }

  @Override
  public double scoreMatchingLoss(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    final DoubleBuffer xb = Batches.buffer(xs);
    final int n = (int) xs.rows();
    return Par.sum(n, (c, from, to) -> scoreMatchingRows(xb, from, to, true)) / n;
  }

  @Override
  public void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
    // d/dz (|grad U|^2/2 - Laplacian U) = p(1-p) [ (x-a).(b-a) - (1-p)|b-a|^2 ]
    final DoubleBuffer xb = Batches.buffer(x);
    double s = Par.sum((int) x.rows(), (c, from, to) -> scoreMatchingRows(xb, from, to, false));
    out.putScalar(0, out.getDouble(0) + scale * s);
  }

  /**
   * Over rows [from, to), in blocks with the vectorised exponential, the sum of the score-matching loss terms
   * |grad U|^2/2 - Laplacian U = |x - a - p (b - a)|^2 / 2 - (d - p(1-p)|b-a|^2) when {@code loss}, else of their
   * z-derivatives p(1-p) [(x-a).(b-a) - (1-p)|b-a|^2]; rows in order.
   */
  private double scoreMatchingRows(DoubleBuffer xb, int from, int to, boolean loss) {
    final int d = a.length;
    final double z = z();
    Scratch bl = Scratch.get(d);
    double[] xs = bl.xs;
    double[] dl = bl.dl;
    double[] ex = bl.ex;
    double[] ps = bl.ps;
    double acc = 0;
    for (int st = from; st < to; st += VecMath.BLOCK) {
      int m = load(bl, xb, st, to, z);
      posteriors(m, dl, ex, ps);
      if (d == 1) { // flat loops, the same arithmetic (a nested loop over one coordinate costs more than it)
        final double a0 = a[0];
        final double ab0 = b[0] - a[0];
        for (int k = 0; k < m; k++) {
          double p = ps[k];
          if (loss) {
            double gj = xs[k] - a0 - p * ab0;
            acc += 0.5 * (0.0 + gj * gj) - (1 - p * (1 - p) * sep2);
          } else {
            acc += p * (1 - p) * ((0.0 + (xs[k] - a0) * ab0) - (1 - p) * sep2);
          }
        }
        continue;
      }
      for (int k = 0; k < m; k++) {
        double p = ps[k];
        if (loss) {
          double g2 = 0;
          for (int j = 0; j < d; j++) {
            double gj = xs[k * d + j] - a[j] - p * (b[j] - a[j]);
            g2 += gj * gj;
          }
          acc += 0.5 * g2 - (d - p * (1 - p) * sep2);
        } else {
          double proj = 0;
          for (int j = 0; j < d; j++) {
            proj += (xs[k * d + j] - a[j]) * (b[j] - a[j]);
          }
          acc += p * (1 - p) * (proj - (1 - p) * sep2);
        }
      }
    }
    return acc;
  }

  /**
   * Row term -v' Hess U v + (v . grad U)^2 / 2 with Hess U = I - p(1-p)(b-a)(b-a)'; its z-derivative is
   * p(1-p) [ (v . grad U) t - (1-2p) t^2 ] with t = (b-a) . v.
   */
  @Override
  public double slicedScoreMatchingLoss(INDArray x, INDArray v) {
    return sliced(x, v, 0, null) / x.rows();
  }

  @Override
  public void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
    sliced(x, v, scale, out);
  }

  private double sliced(INDArray x, INDArray v, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray vs = requireRows(v, xs, "v");
    final DoubleBuffer xb = Batches.buffer(xs);
    final DoubleBuffer vb = Batches.buffer(vs);
    final int d = a.length;
    final double z = z();
    final boolean loss = out == null;
    double s = Par.sum((int) xs.rows(), (c, from, to) -> {
      double[] ra = new double[1];
      double acc = 0;
      for (int i = from; i < to; i++) {
        double p = posteriorB(halfDistances(xb, i, z, ra));
        double vg = 0;
        double t = 0;
        double vv = 0;
        for (int j = 0; j < d; j++) {
          double vj = vb.get(i * d + j);
          vg += vj * (xb.get(i * d + j) - a[j] - p * (b[j] - a[j]));
          t += vj * (b[j] - a[j]);
          vv += vj * vj;
        }
        double q = p * (1 - p);
        acc += loss ? 0.5 * vg * vg - (vv - q * t * t) : q * (vg * t - (1 - 2 * p) * t * t);
      }
      return acc;
    });
    if (!loss) {
      out.putScalar(0, out.getDouble(0) + scale * s);
    }
    return s;
  }

  /** a . grad U = a . (x - a - p (b - a)), so d/dz = p(1-p) (b - a) . a (the field a, not the centre). */
  @Override
  public void accumulateMixedGradient(INDArray x, INDArray field, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray fs = requireRows(field, xs, "a");
    final DoubleBuffer xb = Batches.buffer(xs);
    final DoubleBuffer fb = Batches.buffer(fs);
    final int d = a.length;
    final double z = z();
    double s = Par.sum((int) xs.rows(), (c, from, to) -> {
      double[] ra = new double[1];
      double acc = 0;
      for (int i = from; i < to; i++) {
        double p = posteriorB(halfDistances(xb, i, z, ra));
        double t = 0;
        for (int j = 0; j < d; j++) {
          t += fb.get(i * d + j) * (b[j] - a[j]);
        }
        acc += p * (1 - p) * t;
      }
      return acc;
    });
    out.putScalar(0, out.getDouble(0) + scale * s);
  }

  @Override
  public double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma) {
    return Denoising.loss(this, x, eps, sigma);
  }

  @Override
  public void accumulateDenoisingScoreMatchingGradient(INDArray x, INDArray eps, double sigma, double scale,
      INDArray out) {
    Denoising.accumulate(this, x, eps, sigma, scale, out);
  }

  @Override
  public INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale,
      INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    Denoising.requireSigma(sigma);
    INDArray eps = Denoising.noise(rng, xs.rows(), dim());
    Denoising.accumulate(this, xs, eps, sigma, scale, out);
    return eps;
  }

  private INDArray requireRows(INDArray v, INDArray xs, String name) {
    INDArray vs = Batches.requireBatch(v, dim(), name);
    if (vs.rows() != xs.rows()) {
      throw new IllegalArgumentException(name + " must have as many rows as x (" + xs.rows() + "), got " + vs.rows());
    }
    return vs;
  }

  @Override
  public String toString() {
    return "TwoWells{a=" + Arrays.toString(a) + ", b=" + Arrays.toString(b) + ", z=" + z() + ", massOfB="
        + massOfB() + "}";
  }
}
