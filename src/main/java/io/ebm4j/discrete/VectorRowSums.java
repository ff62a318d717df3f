package io.ebm4j.discrete;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link RowSums}: for each block of the result, the selected rows are added into a register
 * and the block is stored once. Loaded only when the {@code jdk.incubator.vector} module is in the boot layer.
 */
final class VectorRowSums {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorRowSums() {}

  /** Whether the vector length divides 16 floats and is at least 8. */
  static boolean usable() {
    return S.length() >= 8 && 16 % S.length() == 0;
  }

  static void sum(float[] start, int so, float[] m, int[] idx, int from, int count, float[] out, int oo, int len) {
    int l = S.length();
    for (int j = 0; j < len; j += l) {
      FloatVector acc = FloatVector.fromArray(S, start, so + j);
      for (int a = 0; a < count; a++) {
        acc = acc.add(FloatVector.fromArray(S, m, idx[from + a] * len + j));
      }
      acc.intoArray(out, oo + j);
    }
  }

  static void addScaled(float[] dst, int dof, float[] m, int[] idx, int from, int count, float scale, int len) {
    int l = S.length();
    for (int j = 0; j < len; j += l) {
      FloatVector acc = FloatVector.fromArray(S, dst, dof + j);
      for (int a = 0; a < count; a++) {
        acc = acc.add(FloatVector.fromArray(S, m, idx[from + a] * len + j).mul(scale));
      }
      acc.intoArray(dst, dof + j);
    }
  }
}
