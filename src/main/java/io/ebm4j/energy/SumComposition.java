package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The arithmetic of U = sum_k U_k. Energies and input gradients add; the parameters are those of the trained parts,
 * concatenated. Score-matching objectives are those of the parts plus cross terms: with G = sum_k g_k (g_k = grad
 * U_k),
 *
 * <pre>
 *   |G|^2/2 - Lap U        = sum_k (|g_k|^2/2 - Lap U_k)        + (|G|^2 - sum_k |g_k|^2) / 2
 *   (v.G)^2/2 - v'Hess U v = sum_k ((v.g_k)^2/2 - v'Hess U_k v) + ((v.G)^2 - sum_k (v.g_k)^2) / 2
 * </pre>
 *
 * and the parameter gradient for part k is its own objective's gradient plus the mixed gradient with
 * a = G - g_k (exact) or a = (v.(G - g_k)) v (sliced).
 */
final class SumComposition extends Composition {
  private final Energy[] parts;
  private final boolean[] trained;
  private final int[] offset;
  private final int numParams;
  /** Index of the only trained part (its params are the sum's), or -1 when several are (then theta is). */
  private final int single;
  private final INDArray theta;
  private double[] pushed;
  private INDArray u2;
  private INDArray g2;

  SumComposition(Energy[] parts, boolean[] trained) {
    if (parts == null || parts.length == 0) {
      throw new IllegalArgumentException("parts must hold at least one energy, got none");
    }
    int d = -1;
    for (int k = 0; k < parts.length; k++) {
      if (parts[k] == null) {
        throw new IllegalArgumentException("parts must not be null, got null at " + k);
      }
      if (d >= 0 && parts[k].dim() != d) {
        throw new IllegalArgumentException("energies must have the same dimension, got " + d + " and "
            + parts[k].dim() + " (part " + k + ")");
      }
      d = parts[k].dim();
    }
    this.parts = parts.clone();
    this.trained = trained.clone();
    this.offset = new int[parts.length];
    int p = 0;
    int count = 0;
    int last = -1;
    for (int k = 0; k < parts.length; k++) {
      offset[k] = p;
      if (trained[k]) {
        p += ((TrainableEnergy) parts[k]).numParams();
        count++;
        last = k;
      }
    }
    this.numParams = p;
    this.single = count == 1 ? last : -1;
    if (count > 1) {
      theta = Batches.zeros(p);
      for (int k = 0; k < parts.length; k++) {
        if (trained[k]) {
          INDArray pk = ((TrainableEnergy) parts[k]).params();
          slice(theta, k).assign(pk.reshape(pk.length()).castTo(DataType.DOUBLE));
        }
      }
      pushed = Batches.toArray(theta);
    } else {
      theta = null;
    }
  }

  int dim() {
    return parts[0].dim();
  }

  int size() {
    return parts.length;
  }

  Energy part(int k) {
    return parts[k];
  }

  boolean trained(int k) {
    return trained[k];
  }

  int numTrained() {
    int c = 0;
    for (boolean t : trained) {
      c += t ? 1 : 0;
    }
    return c;
  }

  boolean allTrainedAre(Class<?> capability) {
    for (int k = 0; k < parts.length; k++) {
      if (trained[k] && !capability.isInstance(parts[k])) {
        return false;
      }
    }
    return numTrained() > 0;
  }

  boolean allAre(Class<?> capability) {
    for (Energy e : parts) {
      if (!capability.isInstance(e)) {
        return false;
      }
    }
    return true;
  }

  INDArray params() {
    return single >= 0 ? ((TrainableEnergy) parts[single]).params() : theta;
  }

  int numParams() {
    return numParams;
  }

  String[] paramNames() {
    if (single >= 0) {
      return ((TrainableEnergy) parts[single]).paramNames();
    }
    String[] names = new String[numParams];
    for (int k = 0; k < parts.length; k++) {
      if (trained[k]) {
        String[] own = ((TrainableEnergy) parts[k]).paramNames();
        for (int j = 0; j < own.length; j++) {
          names[offset[k] + j] = "e" + (k + 1) + "." + own[j];
        }
      }
    }
    return names;
  }

  /** Pushes the sum's parameter vector into the trained parts when it changed since the last push. */
  void sync() {
    if (theta == null) {
      return;
    }
    DoubleBuffer tb = Batches.buffer(theta);
    boolean changed = false;
    for (int j = 0; j < numParams && !changed; j++) {
      changed = tb.get(j) != pushed[j];
    }
    if (!changed) {
      return;
    }
    for (int k = 0; k < parts.length; k++) {
      if (trained[k]) {
        INDArray pk = ((TrainableEnergy) parts[k]).params();
        pk.assign(slice(theta, k).castTo(pk.dataType()).reshape(pk.shape()));
      }
    }
    tb.get(0, pushed);
  }

  /** Copies of the trained parts (at the current parameters), the fixed parts shared. */
  Energy[] copyParts() {
    sync();
    Energy[] c = parts.clone();
    for (int k = 0; k < parts.length; k++) {
      if (trained[k]) {
        c[k] = ((TrainableEnergy) parts[k]).copy();
      }
    }
    return c;
  }

  boolean[] trainedFlags() {
    return trained.clone();
  }

  void evaluate(INDArray x, INDArray u, INDArray g) {
    sync();
    parts[0].evaluate(x, u, g);
    int n = (int) x.rows();
    for (int k = 1; k < parts.length; k++) {
      if (u2 == null || u2.length() != n) {
        u2 = Batches.zeros(n);
        g2 = Batches.zeros(n, dim());
      }
      parts[k].evaluate(x, u2, g == null ? null : g2);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer vb = Batches.buffer(u2);
      for (int i = 0; i < n; i++) {
        ub.put(i, ub.get(i) + vb.get(i));
      }
      if (g != null) {
        DoubleBuffer gb = Batches.buffer(g);
        DoubleBuffer hb = Batches.buffer(g2);
        for (int q = 0; q < n * dim(); q++) {
          gb.put(q, gb.get(q) + hb.get(q));
        }
      }
    }
  }

  void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    sync();
    forTrained(out, (k, target) -> ((TrainableEnergy) parts[k]).accumulateParamGradient(x, w, scale, target));
  }

  /** out += scale * sum_k sum_i w[k]_i dU_k/dtheta(x_i) over the trained parts: one weight vector [N] per part. */
  void accumulateParamGradient(INDArray x, INDArray[] w, double scale, INDArray out) {
    sync();
    forTrained(out, (k, target) -> ((TrainableEnergy) parts[k]).accumulateParamGradient(x, w[k], scale, target));
  }

  /** out += scale * sum_k weights[k] d log Z_k / dtheta over the trained parts (each an {@link ExactNormalizer}). */
  void accumulateLogZGradients(double[] weights, double scale, INDArray out) {
    sync();
    forTrained(out, (k, target) -> ((ExactNormalizer) parts[k]).accumulateLogZGradient(scale * weights[k], target));
  }

  @Override
  void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out) {
    sync();
    forTrained(out, (k, target) -> ((MixedGradient) parts[k]).accumulateMixedGradient(x, a, scale, target));
  }

  @Override
  double scoreMatchingLoss(INDArray x) {
    sync();
    double loss = 0;
    for (Energy e : parts) {
      loss += ((ScoreMatchable) e).scoreMatchingLoss(x);
    }
    double[][] g = partGradients(x);
    double[] total = total(g);
    double cross = 0;
    for (int q = 0; q < total.length; q++) {
      double s = total[q] * total[q];
      for (double[] gk : g) {
        s -= gk[q] * gk[q];
      }
      cross += 0.5 * s;
    }
    return loss + cross / x.rows();
  }

  @Override
  void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
    sync();
    double[][] g = parts.length > 1 ? partGradients(x) : null;
    double[] total = g == null ? null : total(g);
    forTrained(out, (k, target) -> {
      ((ScoreMatchable) parts[k]).accumulateScoreMatchingGradient(x, scale, target);
      if (g != null) {
        double[] a = new double[total.length];
        for (int q = 0; q < a.length; q++) {
          a[q] = total[q] - g[k][q];
        }
        ((MixedGradient) parts[k]).accumulateMixedGradient(x, batch(a, x), scale, target);
      }
    });
  }

  @Override
  double slicedScoreMatchingLoss(INDArray x, INDArray v) {
    sync();
    double loss = 0;
    for (Energy e : parts) {
      loss += ((SlicedScoreMatchable) e).slicedScoreMatchingLoss(x, v);
    }
    double[][] g = partGradients(x);
    double[] total = total(g);
    double[] vb = Batches.toArray(v);
    int n = (int) x.rows();
    int d = dim();
    double cross = 0;
    for (int i = 0; i < n; i++) {
      double s = dot(vb, total, i, d);
      s *= s;
      for (double[] gk : g) {
        double t = dot(vb, gk, i, d);
        s -= t * t;
      }
      cross += 0.5 * s;
    }
    return loss + cross / n;
  }

  @Override
  void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
    sync();
    double[][] g = parts.length > 1 ? partGradients(x) : null;
    double[] total = g == null ? null : total(g);
    double[] vb = Batches.toArray(v);
    int n = (int) x.rows();
    int d = dim();
    forTrained(out, (k, target) -> {
      ((SlicedScoreMatchable) parts[k]).accumulateSlicedScoreMatchingGradient(x, v, scale, target);
      if (g != null) {
        double[] a = new double[total.length];
        for (int i = 0; i < n; i++) {
          double c = dot(vb, total, i, d) - dot(vb, g[k], i, d);
          for (int j = 0; j < d; j++) {
            a[i * d + j] = c * vb[i * d + j];
          }
        }
        ((MixedGradient) parts[k]).accumulateMixedGradient(x, batch(a, x), scale, target);
      }
    });
  }

  private interface PartTarget {
    void accept(int k, INDArray target);
  }

  /**
   * Calls f for every trained part with the array its gradient goes to: out itself when it is the only trained part,
   * else a zeroed buffer that is then added into out at the part's offset.
   */
  private void forTrained(INDArray out, PartTarget f) {
    if (out == null || out.length() != numParams) {
      throw new IllegalArgumentException("out must have length " + numParams + ", got "
          + (out == null ? "null" : String.valueOf(out.length())));
    }
    for (int k = 0; k < parts.length; k++) {
      if (!trained[k]) {
        continue;
      }
      if (single >= 0) {
        f.accept(k, out);
      } else {
        INDArray t = Nd4j.zeros(out.dataType(), ((TrainableEnergy) parts[k]).numParams());
        f.accept(k, t);
        slice(out, k).addi(t);
      }
    }
  }

  private INDArray slice(INDArray vector, int k) {
    int p = ((TrainableEnergy) parts[k]).numParams();
    return vector.reshape(vector.length()).get(NDArrayIndex.interval(offset[k], offset[k] + p));
  }

  /** grad U_k at every row of x, row-major [N*d], for each part. */
  private double[][] partGradients(INDArray x) {
    int n = (int) x.rows();
    double[][] g = new double[parts.length][];
    INDArray u = Batches.zeros(n);
    INDArray gk = Batches.zeros(n, dim());
    for (int k = 0; k < parts.length; k++) {
      parts[k].evaluate(x, u, gk);
      g[k] = Batches.toArray(gk);
    }
    return g;
  }

  private static double[] total(double[][] g) {
    double[] t = g[0].clone();
    for (int k = 1; k < g.length; k++) {
      for (int q = 0; q < t.length; q++) {
        t[q] += g[k][q];
      }
    }
    return t;
  }

  private static double dot(double[] v, double[] g, int i, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += v[i * d + j] * g[i * d + j];
    }
    return s;
  }

  private static INDArray batch(double[] a, INDArray like) {
    return Nd4j.createFromArray(a).reshape(like.rows(), like.columns());
  }
}
