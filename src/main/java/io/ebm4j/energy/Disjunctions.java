package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The disjunction (OR) of energies, U(x) = -log sum_k exp(-U_k(x)): the density is the sum of the parts'
 * unnormalised densities, so it puts mass wherever any part does (Du, Li and Mordatch, "Compositional Visual
 * Generation with Energy Based Models", NeurIPS 2020, https://arxiv.org/abs/2004.06030). With the responsibilities
 * w_k(x) = exp(-U_k(x)) / sum_j exp(-U_j(x)) (a softmax of -U_k),
 *
 * <pre>
 *   grad_x U = sum_k w_k grad_x U_k,      dU/dtheta_k = w_k dU_k/dtheta_k.
 * </pre>
 *
 * It is trainable in every part that is a {@link TrainableEnergy} (parameters concatenated as in a sum). Z = sum_k
 * Z_k, so when every part is an {@link ExactNormalizer} and {@link ExactSampler} the disjunction is too: an exact
 * mixture with weights Z_k / Z (log Z = logsumexp_k log Z_k, d log Z = sum_k (Z_k/Z) d log Z_k). It is not
 * {@link Temperable} (exp(-beta U) of a disjunction is no disjunction) and has no score-matching capability; temper it
 * with {@link Energies#tempered}.
 */
final class Disjunctions {
  private Disjunctions() {}

  static Energy of(Energy[] parts) {
    boolean[] trained = new boolean[parts.length];
    boolean any = false;
    boolean exact = true;
    for (int k = 0; k < parts.length; k++) {
      trained[k] = parts[k] instanceof TrainableEnergy;
      any |= trained[k];
      exact &= parts[k] instanceof ExactNormalizer && parts[k] instanceof ExactSampler;
    }
    SumComposition c = new SumComposition(parts, trained);
    if (!any) {
      return exact ? new FixedExact(c) : new Fixed(c);
    }
    return exact ? new TrainedExact(c) : new Trained(c);
  }

  /** The arithmetic: evaluation with responsibilities, shared by every class. */
  private static class Fixed implements Energy {
    final SumComposition c;
    private INDArray[] us;
    private INDArray[] gs;

    Fixed(SumComposition c) {
      this.c = c;
    }

    @Override
    public int dim() {
      return c.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      responsibilities(x, u, g);
    }

    /** Writes U (and grad U when g is not null) and returns the responsibilities w[k] ([N] each). */
    INDArray[] responsibilities(INDArray x, INDArray u, INDArray g) {
      c.sync();
      int n = (int) x.rows();
      int d = dim();
      int m = c.size();
      if (us == null || us[0].length() != n) {
        us = new INDArray[m];
        gs = new INDArray[m];
        for (int k = 0; k < m; k++) {
          us[k] = Batches.zeros(n);
          gs[k] = Batches.zeros(n, d);
        }
      }
      DoubleBuffer[] ub = new DoubleBuffer[m];
      for (int k = 0; k < m; k++) {
        c.part(k).evaluate(x, us[k], g == null ? null : gs[k]);
        ub[k] = Batches.buffer(us[k]);
      }
      INDArray[] w = new INDArray[m];
      DoubleBuffer[] wb = new DoubleBuffer[m];
      for (int k = 0; k < m; k++) {
        w[k] = Batches.zeros(n);
        wb[k] = Batches.buffer(w[k]);
      }
      DoubleBuffer out = Batches.buffer(u);
      for (int i = 0; i < n; i++) {
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
          min = Math.min(min, ub[k].get(i));
        }
        double s = 0;
        for (int k = 0; k < m; k++) {
          double e = Math.exp(min - ub[k].get(i));
          wb[k].put(i, e);
          s += e;
        }
        for (int k = 0; k < m; k++) {
          wb[k].put(i, wb[k].get(i) / s);
        }
        out.put(i, min - Math.log(s));
      }
      if (g != null) {
        DoubleBuffer gb = Batches.buffer(g);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double v = 0;
            for (int k = 0; k < m; k++) {
              v += wb[k].get(i) * Batches.buffer(gs[k]).get(i * d + j);
            }
            gb.put(i * d + j, v);
          }
        }
      }
      return w;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Or{");
      for (int k = 0; k < c.size(); k++) {
        sb.append(k == 0 ? "" : " | ").append(c.part(k));
      }
      return sb.append('}').toString();
    }
  }

  private static final class FixedExact extends Fixed implements ExactNormalizer, ExactSampler {
    FixedExact(SumComposition c) {
      super(c);
    }

    @Override
    public double logZ() {
      return Exact.logZ(c);
    }

    @Override
    public void accumulateLogZGradient(double scale, INDArray out) {
      if (out == null || out.length() != 0) {
        throw new IllegalArgumentException("out must have length 0 (no parameters), got "
            + (out == null ? "null" : String.valueOf(out.length())));
      }
    }

    @Override
    public INDArray sample(int n, Rng rng) {
      return Exact.sample(c, n, rng);
    }
  }

  private static class Trained extends Fixed implements TrainableEnergy {
    Trained(SumComposition c) {
      super(c);
    }

    @Override
    public INDArray params() {
      return c.params();
    }

    @Override
    public int numParams() {
      return c.numParams();
    }

    @Override
    public String[] paramNames() {
      return c.paramNames();
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      INDArray[] r = responsibilities(x, Batches.zeros(x.rows()), null);
      if (w != null) {
        for (INDArray rk : r) {
          rk.muli(w);
        }
      }
      c.accumulateParamGradient(x, r, scale, out);
    }

    @Override
    public TrainableEnergy copy() {
      return (TrainableEnergy) of(c.copyParts());
    }
  }

  private static final class TrainedExact extends Trained implements ExactNormalizer, ExactSampler {
    TrainedExact(SumComposition c) {
      super(c);
    }

    @Override
    public double logZ() {
      return Exact.logZ(c);
    }

    @Override
    public void accumulateLogZGradient(double scale, INDArray out) {
      c.accumulateLogZGradients(Exact.weights(c), scale, out);
    }

    @Override
    public INDArray sample(int n, Rng rng) {
      return Exact.sample(c, n, rng);
    }
  }

  /** Z = sum_k Z_k: the mixture weights Z_k / Z and draws from them. */
  private static final class Exact {
    private Exact() {}

    static double logZ(SumComposition c) {
      c.sync();
      double[] l = new double[c.size()];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < l.length; k++) {
        l[k] = ((ExactNormalizer) c.part(k)).logZ();
        max = Math.max(max, l[k]);
      }
      double s = 0;
      for (double v : l) {
        s += Math.exp(v - max);
      }
      return max + Math.log(s);
    }

    static double[] weights(SumComposition c) {
      double lz = logZ(c);
      double[] p = new double[c.size()];
      for (int k = 0; k < p.length; k++) {
        p[k] = Math.exp(((ExactNormalizer) c.part(k)).logZ() - lz);
      }
      return p;
    }

    static INDArray sample(SumComposition c, int n, Rng rng) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be non-negative, got " + n);
      }
      double[] p = weights(c);
      int[] counts = new int[p.length];
      int[] which = new int[n];
      for (int i = 0; i < n; i++) {
        double r = rng.uniform();
        int k = 0;
        double acc = p[0];
        while (r >= acc && k < p.length - 1) {
          acc += p[++k];
        }
        which[i] = k;
        counts[k]++;
      }
      int d = c.dim();
      double[][] draws = new double[p.length][];
      for (int k = 0; k < p.length; k++) {
        draws[k] = counts[k] == 0 ? new double[0]
            : Batches.toArray(((ExactSampler) c.part(k)).sample(counts[k], rng.split()));
      }
      double[] out = new double[n * d];
      int[] used = new int[p.length];
      for (int i = 0; i < n; i++) {
        int k = which[i];
        System.arraycopy(draws[k], used[k] * d, out, i * d, d);
        used[k]++;
      }
      return Nd4j.createFromArray(out).reshape(n, d);
    }
  }
}
