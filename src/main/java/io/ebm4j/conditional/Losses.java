package io.ebm4j.conditional;

import java.nio.DoubleBuffer;
import java.util.List;

/**
 * The ten losses of the loss table (Table 1) of LeCun, Chopra, Hadsell, Ranzato and Huang, "A Tutorial on
 * Energy-Based Learning", in Predicting Structured Data, MIT Press 2006
 * (http://yann.lecun.com/exdb/publis/pdf/lecun-06.pdf). With E_y = E(W, y, X^i), Y^i the correct answer and
 * Ybar = argmin_{y != Y^i} E_y the most offending incorrect answer (section 2.2.3; ties go to the smallest index):
 *
 * <pre>
 *   energy          E_{Y^i}
 *   perceptron      E_{Y^i} - min_y E_y
 *   hinge           max(0, m + E_{Y^i} - E_Ybar)                          margin m
 *   log             log(1 + exp(E_{Y^i} - E_Ybar))
 *   LVQ2            min(M, max(0, E_{Y^i} - E_Ybar))                      cap M
 *   MCE             1 / (1 + exp(-(E_{Y^i} - E_Ybar)))
 *   square-square   E_{Y^i}^2 + max(0, m - E_Ybar)^2                      margin m
 *   square-exp      E_{Y^i}^2 + beta exp(-E_Ybar)                          beta
 *   NLL/MMI         E_{Y^i} + (1/beta) log sum_y exp(-beta E_y)           beta
 *   MEE             1 - exp(-beta E_{Y^i}) / sum_y exp(-beta E_y)          beta
 * </pre>
 *
 * The energy loss has no contrastive term; perceptron and LVQ2 have a zero margin; square-square and square-exp are
 * meant for non-negative energies. Each is piecewise smooth; derivatives are exact away from the kinks (ties of
 * energies, the hinge's corner, LVQ2's 0 and M).
 *
 * <pre>{@code
 * Loss l = Losses.byName("hinge", 1.0, 2.0, 1.0);   // = Losses.hinge(1.0)
 * Losses.NAMES;                                     // energy, perceptron, hinge, ...
 * }</pre>
 */
public final class Losses {
  private Losses() {}

  /** The names {@link #byName} understands, in the table's order. */
  public static final List<String> NAMES = List.of("energy", "perceptron", "hinge", "log", "lvq2", "mce",
      "square-square", "square-exp", "nll", "mee");

  /**
   * The named loss with its hyperparameter: margin m for hinge and square-square, cap M for LVQ2, beta for
   * square-exp, NLL and MEE (the others take none).
   */
  public static Loss byName(String name, double margin, double cap, double beta) {
    if (name == null) {
      throw new IllegalArgumentException("loss name must not be null; known: " + String.join(", ", NAMES));
    }
    return switch (name) {
      case "energy" -> energy();
      case "perceptron" -> perceptron();
      case "hinge" -> hinge(margin);
      case "log" -> log();
      case "lvq2" -> lvq2(cap);
      case "mce" -> mce();
      case "square-square" -> squareSquare(margin);
      case "square-exp" -> squareExp(beta);
      case "nll" -> nll(beta);
      case "mee" -> mee(beta);
      default -> throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** The energy loss E(W, Y^i, X^i): pushes the correct answer down and nothing up. */
  public static Loss energy() {
    return new Energy();
  }

  /** The generalized perceptron loss E(W, Y^i, X^i) - min_y E(W, y, X^i). */
  public static Loss perceptron() {
    return new Perceptron();
  }

  /** The hinge loss max(0, m + E(W, Y^i, X^i) - E(W, Ybar, X^i)) with margin m > 0. */
  public static Loss hinge(double margin) {
    return new Hinge(positive(margin, "margin"));
  }

  /** The log loss log(1 + exp(E(W, Y^i, X^i) - E(W, Ybar, X^i))), a soft hinge. */
  public static Loss log() {
    return new Log();
  }

  /** The LVQ2 loss min(M, max(0, E(W, Y^i, X^i) - E(W, Ybar, X^i))) with cap M > 0. */
  public static Loss lvq2(double cap) {
    return new Lvq2(positive(cap, "cap"));
  }

  /** The minimum-classification-error loss sigma(E(W, Y^i, X^i) - E(W, Ybar, X^i)), sigma the logistic function. */
  public static Loss mce() {
    return new Mce();
  }

  /** The square-square loss E(W, Y^i, X^i)^2 + max(0, m - E(W, Ybar, X^i))^2 with margin m > 0. */
  public static Loss squareSquare(double margin) {
    return new SquareSquare(positive(margin, "margin"));
  }

  /** The square-exponential loss E(W, Y^i, X^i)^2 + beta exp(-E(W, Ybar, X^i)) with beta > 0. */
  public static Loss squareExp(double beta) {
    return new SquareExp(positive(beta, "beta"));
  }

  /** The negative log-likelihood (MMI) loss E(W, Y^i, X^i) + (1/beta) log sum_y exp(-beta E(W, y, X^i)). */
  public static Loss nll(double beta) {
    return new Nll(positive(beta, "beta"));
  }

  /** The minimum-empirical-error loss 1 - exp(-beta E(W, Y^i, X^i)) / sum_y exp(-beta E(W, y, X^i)). */
  public static Loss mee(double beta) {
    return new Mee(positive(beta, "beta"));
  }

  /** Ybar = argmin_{y != correct} e[off + y]: the most offending incorrect answer (smallest index on ties). */
  public static int mostOffending(DoubleBuffer e, int off, int k, int correct) {
    int best = -1;
    double bv = Double.POSITIVE_INFINITY;
    for (int y = 0; y < k; y++) {
      if (y != correct && (best < 0 || e.get(off + y) < bv)) {
        best = y;
        bv = e.get(off + y);
      }
    }
    return best;
  }

  private static double positive(double v, String name) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
    return v;
  }

  private static void clear(DoubleBuffer g, int off, int k) {
    for (int y = 0; y < k; y++) {
      g.put(off + y, 0.0);
    }
  }

  /** For the losses of the difference d = E_{Y^i} - E_Ybar: dL/dE_{Y^i} = s, dL/dE_Ybar = -s. */
  private static void pair(DoubleBuffer g, int off, int k, int y, int ybar, double s) {
    clear(g, off, k);
    g.put(off + y, s);
    g.put(off + ybar, -s);
  }

  private static double logistic(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private record Energy() implements Loss {
    public String name() {
      return "energy";
    }

    public String formula() {
      return "E(W,Y^i,X^i)";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      if (g != null) {
        clear(g, off, k);
        g.put(off + y, 1.0);
      }
      return e.get(off + y);
    }
  }

  private record Perceptron() implements Loss {
    public String name() {
      return "perceptron";
    }

    public String formula() {
      return "E(W,Y^i,X^i) - min_Y E(W,Y,X^i)";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int star = 0;
      for (int j = 1; j < k; j++) {
        if (e.get(off + j) < e.get(off + star)) {
          star = j;
        }
      }
      if (g != null) {
        clear(g, off, k);
        if (star != y) {
          g.put(off + y, 1.0);
          g.put(off + star, -1.0);
        }
      }
      return e.get(off + y) - e.get(off + star);
    }
  }

  private record Hinge(double margin) implements Loss {
    public String name() {
      return "hinge";
    }

    public String formula() {
      return "max(0, m + E(W,Y^i,X^i) - E(W,Ybar^i,X^i))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double v = margin + e.get(off + y) - e.get(off + ybar);
      if (g != null) {
        pair(g, off, k, y, ybar, v > 0 ? 1.0 : 0.0);
      }
      return Math.max(0, v);
    }
  }

  private record Log() implements Loss {
    public String name() {
      return "log";
    }

    public String formula() {
      return "log(1 + exp(E(W,Y^i,X^i) - E(W,Ybar^i,X^i)))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double d = e.get(off + y) - e.get(off + ybar);
      if (g != null) {
        pair(g, off, k, y, ybar, logistic(d));
      }
      return Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d)));
    }
  }

  private record Lvq2(double cap) implements Loss {
    public String name() {
      return "lvq2";
    }

    public String formula() {
      return "min(M, max(0, E(W,Y^i,X^i) - E(W,Ybar^i,X^i)))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double d = e.get(off + y) - e.get(off + ybar);
      if (g != null) {
        pair(g, off, k, y, ybar, d > 0 && d < cap ? 1.0 : 0.0);
      }
      return Math.min(cap, Math.max(0, d));
    }
  }

  private record Mce() implements Loss {
    public String name() {
      return "mce";
    }

    public String formula() {
      return "1 / (1 + exp(-(E(W,Y^i,X^i) - E(W,Ybar^i,X^i))))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double s = logistic(e.get(off + y) - e.get(off + ybar));
      if (g != null) {
        pair(g, off, k, y, ybar, s * (1 - s));
      }
      return s;
    }
  }

  private record SquareSquare(double margin) implements Loss {
    public String name() {
      return "square-square";
    }

    public String formula() {
      return "E(W,Y^i,X^i)^2 + (max(0, m - E(W,Ybar^i,X^i)))^2";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double ey = e.get(off + y);
      double r = Math.max(0, margin - e.get(off + ybar));
      if (g != null) {
        clear(g, off, k);
        g.put(off + y, 2 * ey);
        g.put(off + ybar, -2 * r);
      }
      return ey * ey + r * r;
    }
  }

  private record SquareExp(double beta) implements Loss {
    public String name() {
      return "square-exp";
    }

    public String formula() {
      return "E(W,Y^i,X^i)^2 + beta exp(-E(W,Ybar^i,X^i))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      int ybar = mostOffending(e, off, k, y);
      double ey = e.get(off + y);
      double t = beta * Math.exp(-e.get(off + ybar));
      if (g != null) {
        clear(g, off, k);
        g.put(off + y, 2 * ey);
        g.put(off + ybar, -t);
      }
      return ey * ey + t;
    }
  }

  private record Nll(double beta) implements Loss {
    public String name() {
      return "nll";
    }

    public String formula() {
      return "E(W,Y^i,X^i) + (1/beta) log sum_y exp(-beta E(W,y,X^i))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      double f = SoftMin.row(e, off, k, beta, g, off);
      if (g != null) {
        for (int j = 0; j < k; j++) {
          g.put(off + j, (j == y ? 1.0 : 0.0) - g.get(off + j));
        }
      }
      return e.get(off + y) - f;
    }
  }

  private record Mee(double beta) implements Loss {
    public String name() {
      return "mee";
    }

    public String formula() {
      return "1 - exp(-beta E(W,Y^i,X^i)) / sum_y exp(-beta E(W,y,X^i))";
    }

    public double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g) {
      double f = SoftMin.row(e, off, k, beta, null, 0);
      double py = Math.exp(-beta * (e.get(off + y) - f));
      if (g != null) {
        for (int j = 0; j < k; j++) {
          double pj = Math.exp(-beta * (e.get(off + j) - f));
          g.put(off + j, beta * py * ((j == y ? 1.0 : 0.0) - pj));
        }
      }
      return 1 - py;
    }
  }
}
