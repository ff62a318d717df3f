package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Par;
import io.ebm4j.nd.VecMath;
import io.ebm4j.random.Rng;
import io.ebm4j.random.Normals;

/**
 * The unadjusted Langevin algorithm, X' = X - h grad U(X) + sqrt(2h) xi, xi ~ N(0, I). It does not leave exp(-U)
 * invariant (its bias is O(h)), so its Jarzynski weights carry the exact discrete-time correction of Carbone et al.
 * ("Efficient training of energy-based models using Jarzynski equality", NeurIPS 2023,
 * https://arxiv.org/abs/2305.19414, Algorithm 1, line 8):
 *
 * <pre>
 *   A_{k+1} = A_k + alpha_k(X_k, X_{k+1}) - alpha_{k+1}(X_{k+1}, X_k),
 *   alpha_k(x, y) = U_k(x) + (y - x).grad U_k(x) / 2 + h |grad U_k(x)|^2 / 4,
 * </pre>
 *
 * where the move X_k -> X_{k+1} uses grad U_k (the parameters before the update) and U_{k+1} are the parameters
 * after it. Derivation: with forward kernel T_k(x, y) = N(y; x - h grad U_k(x), 2h I) and backward kernel
 * L_{k+1}(y, x) = N(x; y - h grad U_{k+1}(y), 2h I) (the ULA kernel of the new energy run backwards),
 * log[ e^{-U_{k+1}(y)} L_{k+1}(y, x) / (e^{-U_k(x)} T_k(x, y)) ] expands, after the |x - y|^2 / 4h terms and the
 * Gaussian constants cancel, to exactly alpha_k(x, y) - alpha_{k+1}(y, x). Since L integrates to one in x,
 * E[e^{A_{k+1}} f(X_{k+1})] = (1/Z_0) int e^{-U_{k+1}(y)} f(y) dy for any f and any step size h: the identity
 * E[e^{A_k} f(X_k)] / E[e^{A_k}] = E_{theta_k}[f], Z_k / Z_0 = E[e^{A_k}] holds exactly, not only as h -> 0.
 *
 * <pre>{@code
 * Kernel ula = Kernels.ula(0.1);
 * }</pre>
 */
public final class Ula implements Kernel {
  private final double h;
  private double[] dx; // displacement y - x of the last move, per chain and coordinate

  Ula(double h) {
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
    return "ula(stepSize=" + h + ")";
  }

  @Override
  public boolean needsGradient() {
    return true;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return false;
  }

  /** A new ULA kernel with the same step size and its own scratch. */
  @Override
  public Kernel fresh() {
    return new Ula(h);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    return move(e, c, rng, false);
  }

  @Override
  public StepInfo transport(Energy e, Chains c, Rng rng) {
    return move(e, c, rng, true);
  }

  private StepInfo move(Energy e, Chains c, Rng rng, boolean weights) {
    final int d = c.d;
    final double s = Math.sqrt(2 * h);
    final double q = h / 4;
    if (dx == null || dx.length != c.n * d) {
      dx = new double[c.n * d];
    }
    // displacement y - x kept for the backward term; rows go through in blocks copied to arrays (bulk copies of
    // the direct buffers), with the same arithmetic, in the same order, as a row-by-row loop
    final double[] dx = this.dx;
    final int block = VecMath.BLOCK;
    Par.forRange(c.n, (ch, from, to) -> {
      Normals nrm = new Normals(rng.stream(ch));
      Scratch sc = Scratch.get(d);
      double[] gs = sc.gs;
      double[] xs = sc.xs;
      double[] us = weights ? sc.us : null;
      double[] ws = weights ? sc.ws : null;
      double[] zs = sc.zs;
      for (int r = from; r < to; r += block) {
        int m = Math.min(block, to - r);
        c.gb.get(r * d, gs, 0, m * d);
        c.xb.get(r * d, xs, 0, m * d);
        if (weights) {
          c.ub.get(r, us, 0, m);
          c.wb.get(r, ws, 0, m);
        }
        for (int k = 0; k < m * d; k++) {
          zs[k] = nrm.next();
        }
        if (d == 1) {
          forward1(m, gs, xs, zs, us, ws, dx, r, s, q);
          c.xb.put(r, xs, 0, m);
          if (weights) {
            c.wb.put(r, ws, 0, m);
          }
          continue;
        }
        for (int i = 0; i < m; i++) {
          double dot = 0;
          double g2 = 0;
          for (int j = 0; j < d; j++) {
            int k = i * d + j;
            double gj = gs[k];
            double step = -h * gj + s * zs[k];
            dx[r * d + k] = step;
            xs[k] = xs[k] + step;
            dot += step * gj;
            g2 += gj * gj;
          }
          if (weights) {
            ws[i] = ws[i] + us[i] + 0.5 * dot + q * g2;
          }
        }
        c.xb.put(r * d, xs, 0, m * d);
        if (weights) {
          c.wb.put(r, ws, 0, m);
        }
      }
    });
    c.refresh(e);
    if (weights) {
      Par.forRange(c.n, (ch, from, to) -> {
        Scratch sc = Scratch.get(d);
        double[] gs = sc.gs;
        double[] us = sc.us;
        double[] ws = sc.ws;
        for (int r = from; r < to; r += block) {
          int m = Math.min(block, to - r);
          c.gb.get(r * d, gs, 0, m * d);
          c.ub.get(r, us, 0, m);
          c.wb.get(r, ws, 0, m);
          if (d == 1) {
            backward1(m, gs, us, ws, dx, r, q);
            c.wb.put(r, ws, 0, m);
            continue;
          }
          for (int i = 0; i < m; i++) {
            double dot = 0;
            double g2 = 0;
            for (int j = 0; j < d; j++) {
              int k = i * d + j;
              double gj = gs[k];
              dot -= dx[r * d + k] * gj; // (x - y).grad U_{k+1}(y)
              g2 += gj * gj;
            }
            ws[i] = ws[i] - (us[i] + 0.5 * dot + q * g2);
          }
          c.wb.put(r, ws, 0, m);
        }
      });
    }
    return new StepInfo(1.0, c.n);
  }

  /**
   * A thread's scratch for a block of rows (gradients, positions, energies, weights, normals), reused from call to
   * call rather than allocated per chunk, which cost the clearing of every array.
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
    double[] gs = new double[0];
    double[] xs = new double[0];
    double[] zs = new double[0];
    final double[] us = new double[VecMath.BLOCK];
    final double[] ws = new double[VecMath.BLOCK];

    /** This thread's scratch, with room for blocks of d-dimensional rows. */
    static Scratch get(int d) {
      Scratch s = OF_THREAD.get();
      if (s.gs.length < VecMath.BLOCK * d) {
        s.gs = new double[VecMath.BLOCK * d];
        s.xs = new double[VecMath.BLOCK * d];
        s.zs = new double[VecMath.BLOCK * d];
      }
      return s;
    }
  }

  /**
   * The forward move of m one-dimensional rows as one flat loop (a nested loop over a single coordinate costs more
   * than the arithmetic): the general loop's operations in its order, so the same bits. us and ws are null without
   * weights.
   */
  private void forward1(int m, double[] gs, double[] xs, double[] zs, double[] us, double[] ws, double[] dx, int r,
      double s, double q) {
    for (int i = 0; i < m; i++) {
      double gj = gs[i];
      double step = -h * gj + s * zs[i];
      dx[r + i] = step;
      xs[i] = xs[i] + step;
      if (ws != null) {
        ws[i] = ws[i] + us[i] + 0.5 * (0.0 + step * gj) + q * (0.0 + gj * gj);
      }
    }
  }

  /** The backward weight term of m one-dimensional rows as one flat loop; the general loop's bits. */
  private static void backward1(int m, double[] gs, double[] us, double[] ws, double[] dx, int r, double q) {
    for (int i = 0; i < m; i++) {
      double gj = gs[i];
      ws[i] = ws[i] - (us[i] + 0.5 * (0.0 - dx[r + i] * gj) + q * (0.0 + gj * gj));
    }
  }
}
