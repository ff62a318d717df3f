package io.ebm4j.nd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link Silu}: the operations of {@link Silu#scalar} lane by lane, the logistic function as in
 * {@link VectorSigmoid}. Loaded only when the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorSilu {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
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
      FloatVector e = x.neg().max(-Sigmoid.CLAMP).min(Sigmoid.CLAMP);
      FloatVector t = e.mul(Sigmoid.LOG2E).add(Sigmoid.ROUND);
      FloatVector m = t.sub(Sigmoid.ROUND);
      FloatVector r = e.sub(m.mul(Sigmoid.LN2_HI)).sub(m.mul(Sigmoid.LN2_LO));
      FloatVector p = r.mul(Sigmoid.C7).add(Sigmoid.C6).mul(r).add(Sigmoid.C5).mul(r).add(Sigmoid.C4).mul(r)
          .add(Sigmoid.C3).mul(r).add(Sigmoid.C2).mul(r).mul(r).add(r).add(1f);
      FloatVector scale = t.reinterpretAsInts().sub(Sigmoid.ROUND_BITS).add(127)
          .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector s = ONE.div(p.mul(scale).add(1f));
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
