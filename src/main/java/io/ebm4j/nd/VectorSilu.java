package io.ebm4j.nd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link Silu}: the operations of {@link Silu#scalar} lane by lane, the logistic function by
 * {@link VectorSigmoid#of}. Loaded only when the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorSilu {
  private static final VectorSpecies<Float> S = VectorSigmoid.S;
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

  private VectorSilu() {}

  /** Whether vectors of at least eight floats are available. */
  static boolean usable() {
    return S.length() >= 8;
  }

  static void apply(float[] z, float[] bias, int n, float[] a, float[] d1, float[] d2, float[] d3, int order) {
    int k = 0;
    int bound = S.loopBound(n);
    for (; k < bound; k += S.length()) {
      FloatVector x = FloatVector.fromArray(S, z, k).add(FloatVector.fromArray(S, bias, k));
      FloatVector s = VectorSigmoid.of(x);
      FloatVector q = s.mul(ONE.sub(s));
      x.mul(s).intoArray(a, k);
      s.add(x.mul(q)).intoArray(d1, k);
      if (order >= 2) {
        FloatVector u = ONE.sub(s.mul(2f));
        q.mul(x.mul(u).add(2f)).intoArray(d2, k);
        if (order == 3) {
          q.mul(u.mul(3f).add(x.mul(ONE.sub(q.mul(6f))))).intoArray(d3, k);
        }
      }
    }
    Silu.scalar(z, bias, k, n, a, d1, d2, d3, order);
  }
}
