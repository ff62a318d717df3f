package io.ebm4j.nd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link Sigmoid}: the same operations as {@link Sigmoid#of} lane by lane. Loaded only when
 * the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorSigmoid {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

  private VectorSigmoid() {}

  /** Whether vectors of at least eight floats are available (otherwise the scalar loop is as fast). */
  static boolean usable() {
    return S.length() >= 8;
  }

  /** sigma(a) lane by lane, by the operations of {@link Sigmoid#of} in the same order. */
  static FloatVector of(FloatVector a) {
    FloatVector x = a.neg().max(-Sigmoid.CLAMP).min(Sigmoid.CLAMP);
    FloatVector t = x.mul(Sigmoid.LOG2E).add(Sigmoid.ROUND);
    FloatVector m = t.sub(Sigmoid.ROUND);
    FloatVector r = x.sub(m.mul(Sigmoid.LN2_HI)).sub(m.mul(Sigmoid.LN2_LO));
    FloatVector p = r.mul(Sigmoid.C7).add(Sigmoid.C6).mul(r).add(Sigmoid.C5).mul(r).add(Sigmoid.C4).mul(r)
        .add(Sigmoid.C3).mul(r).add(Sigmoid.C2).mul(r).mul(r).add(r).add(1f);
    FloatVector scale = t.reinterpretAsInts().sub(Sigmoid.ROUND_BITS).add(127)
        .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return ONE.div(p.mul(scale).add(1f));
  }

  static void apply(float[] a, int off, int n) {
    int i = off;
    int bound = off + S.loopBound(n);
    for (; i < bound; i += S.length()) {
      of(FloatVector.fromArray(S, a, i)).intoArray(a, i);
    }
    for (; i < off + n; i++) {
      a[i] = Sigmoid.of(a[i]);
    }
  }
}
