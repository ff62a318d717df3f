package io.ebm4j.nd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link VecMath#log(double[], int, int)}: the operations of {@link VecMath#logNormal} lane by
 * lane, with no blend (which this JDK does not always compile to one instruction). A vector holding a value that is
 * not a positive normal number (zero, subnormal, negative, infinite, NaN) goes through the scalar code instead.
 * Loaded only when the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorLog {
  private static final VectorSpecies<Double> S = VectorExp.S;

  private VectorLog() {}

  /** log x lane by lane for positive normal x, by the operations of {@link VecMath#logNormal} in the same order. */
  static DoubleVector of(DoubleVector x) {
    LongVector bits = x.reinterpretAsLongs();
    LongVector mant = bits.and(VecMath.MANTISSA);
    LongVector carry = mant.add(VecMath.SQRT2_CARRY).and(VecMath.EXPONENT_LSB);
    DoubleVector m = mant.or(carry.lanewise(VectorOperators.XOR, VecMath.ONE_BITS)).reinterpretAsDoubles();
    DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023).add(carry.lanewise(VectorOperators.LSHR, 52))
        .add(VecMath.ROUND_BITS).reinterpretAsDoubles().sub(VecMath.ROUND);
    DoubleVector f = m.sub(1.0);
    DoubleVector hfsq = f.mul(0.5).mul(f);
    DoubleVector s = f.div(f.add(2.0));
    DoubleVector z = s.mul(s);
    DoubleVector w = z.mul(z);
    DoubleVector t1 = w.mul(w.mul(w.mul(VecMath.LG6).add(VecMath.LG4)).add(VecMath.LG2));
    DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(VecMath.LG7).add(VecMath.LG5)).add(VecMath.LG3)).add(VecMath.LG1));
    DoubleVector r = t2.add(t1);
    return k.mul(VecMath.LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(k.mul(VecMath.LN2_LO))).sub(f));
  }

  static void log(double[] v, int off, int n) {
    int i = off;
    int bound = off + S.loopBound(n);
    for (; i < bound; i += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, v, i);
      if (x.compare(VectorOperators.GE, Double.MIN_NORMAL).and(x.compare(VectorOperators.LE, Double.MAX_VALUE))
          .allTrue()) {
        of(x).intoArray(v, i);
      } else {
        for (int j = i; j < i + S.length(); j++) {
          v[j] = VecMath.log(v[j]);
        }
      }
    }
    for (; i < off + n; i++) {
      v[i] = VecMath.log(v[i]);
    }
  }
}
