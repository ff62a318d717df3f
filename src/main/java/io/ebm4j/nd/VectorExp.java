package io.ebm4j.nd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link VecMath}: the same operations as {@link VecMath#exp(double)} lane by lane. Loaded only
 * when the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorExp {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorExp() {}

  /** Whether vectors of at least four doubles are available (otherwise the scalar loop is as fast). */
  static boolean usable() {
    return S.length() >= 4;
  }

  /** e^x lane by lane, by the operations of {@link VecMath#exp(double)} in the same order. */
  static DoubleVector of(DoubleVector x) {
    DoubleVector y = x.max(VecMath.MIN).min(VecMath.MAX);
    DoubleVector t = y.mul(VecMath.INV_LN2).add(VecMath.ROUND);
    DoubleVector k = t.sub(VecMath.ROUND);
    DoubleVector hi = y.sub(k.mul(VecMath.LN2_HI));
    DoubleVector lo = k.mul(VecMath.LN2_LO);
    DoubleVector r = hi.sub(lo);
    DoubleVector r2 = r.mul(r);
    DoubleVector c = r.sub(r2.mul(r2.mul(r2.mul(r2.mul(r2.mul(VecMath.P5).add(VecMath.P4)).add(VecMath.P3))
        .add(VecMath.P2)).add(VecMath.P1)));
    DoubleVector two = DoubleVector.broadcast(S, 2.0);
    DoubleVector e = DoubleVector.broadcast(S, 1.0).sub(lo.sub(r.mul(c).div(two.sub(c))).sub(hi));
    LongVector kb = t.reinterpretAsLongs().sub(VecMath.ROUND_BITS - VecMath.OFFSET);
    LongVector k1 = kb.lanewise(VectorOperators.LSHR, 1).sub(VecMath.OFFSET >>> 1);
    LongVector k2 = kb.sub(VecMath.OFFSET).sub(k1);
    DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    return e.mul(s1).mul(s2);
  }

  static void exp(double[] v, int off, int n) {
    int i = off;
    int bound = off + S.loopBound(n);
    for (; i < bound; i += S.length()) {
      of(DoubleVector.fromArray(S, v, i)).intoArray(v, i);
    }
    for (; i < off + n; i++) {
      v[i] = VecMath.exp(v[i]);
    }
  }
}
