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

  /**
   * Blocks of four vectors at a time, then of one: the rows' additions into four independent registers overlap,
   * where one register would wait on each addition in turn.
   */
  static void sum(float[] start, int so, float[] m, int[] idx, int from, int count, float[] out, int oo, int len) {
    int l = S.length();
    int j = 0;
    for (; j + 4 * l <= len; j += 4 * l) {
      FloatVector a0 = FloatVector.fromArray(S, start, so + j);
      FloatVector a1 = FloatVector.fromArray(S, start, so + j + l);
      FloatVector a2 = FloatVector.fromArray(S, start, so + j + 2 * l);
      FloatVector a3 = FloatVector.fromArray(S, start, so + j + 3 * l);
      for (int a = 0; a < count; a++) {
        int mo = idx[from + a] * len + j;
        a0 = a0.add(FloatVector.fromArray(S, m, mo));
        a1 = a1.add(FloatVector.fromArray(S, m, mo + l));
        a2 = a2.add(FloatVector.fromArray(S, m, mo + 2 * l));
        a3 = a3.add(FloatVector.fromArray(S, m, mo + 3 * l));
      }
      a0.intoArray(out, oo + j);
      a1.intoArray(out, oo + j + l);
      a2.intoArray(out, oo + j + 2 * l);
      a3.intoArray(out, oo + j + 3 * l);
    }
    for (; j < len; j += l) {
      FloatVector acc = FloatVector.fromArray(S, start, so + j);
      for (int a = 0; a < count; a++) {
        acc = acc.add(FloatVector.fromArray(S, m, idx[from + a] * len + j));
      }
      acc.intoArray(out, oo + j);
    }
  }

  static void addScaled(float[] dst, int dof, float[] m, int[] idx, int from, int count, float scale, int len) {
    addScaledPair(dst, dof, m, idx, from, count, scale, m, idx, from, 0, 0f, len);
  }

  /** addScaled with (m1, idx1, scale1) and then (m2, idx2, scale2), in one pass over dst. */
  static void addScaledPair(float[] dst, int dof, float[] m1, int[] idx1, int from1, int count1, float scale1,
      float[] m2, int[] idx2, int from2, int count2, float scale2, int len) {
    int l = S.length();
    int j = 0;
    for (; j + 4 * l <= len; j += 4 * l) {
      FloatVector a0 = FloatVector.fromArray(S, dst, dof + j);
      FloatVector a1 = FloatVector.fromArray(S, dst, dof + j + l);
      FloatVector a2 = FloatVector.fromArray(S, dst, dof + j + 2 * l);
      FloatVector a3 = FloatVector.fromArray(S, dst, dof + j + 3 * l);
      for (int a = 0; a < count1; a++) {
        int mo = idx1[from1 + a] * len + j;
        a0 = a0.add(FloatVector.fromArray(S, m1, mo).mul(scale1));
        a1 = a1.add(FloatVector.fromArray(S, m1, mo + l).mul(scale1));
        a2 = a2.add(FloatVector.fromArray(S, m1, mo + 2 * l).mul(scale1));
        a3 = a3.add(FloatVector.fromArray(S, m1, mo + 3 * l).mul(scale1));
      }
      for (int a = 0; a < count2; a++) {
        int mo = idx2[from2 + a] * len + j;
        a0 = a0.add(FloatVector.fromArray(S, m2, mo).mul(scale2));
        a1 = a1.add(FloatVector.fromArray(S, m2, mo + l).mul(scale2));
        a2 = a2.add(FloatVector.fromArray(S, m2, mo + 2 * l).mul(scale2));
        a3 = a3.add(FloatVector.fromArray(S, m2, mo + 3 * l).mul(scale2));
      }
      a0.intoArray(dst, dof + j);
      a1.intoArray(dst, dof + j + l);
      a2.intoArray(dst, dof + j + 2 * l);
      a3.intoArray(dst, dof + j + 3 * l);
    }
    if (j < len) {
      addScaled(dst, dof + j, m1, idx1, from1, count1, scale1, len, j);
      addScaled(dst, dof + j, m2, idx2, from2, count2, scale2, len, j);
    }
  }

  /** addScaled over the columns [j0, len) of rows of length len, into dst[dof, ...) (one vector at a time). */
  private static void addScaled(float[] dst, int dof, float[] m, int[] idx, int from, int count, float scale, int len,
      int j0) {
    int l = S.length();
    for (int j = j0; j < len; j += l) {
      FloatVector acc = FloatVector.fromArray(S, dst, dof + j - j0);
      for (int a = 0; a < count; a++) {
        acc = acc.add(FloatVector.fromArray(S, m, idx[from + a] * len + j).mul(scale));
      }
      acc.intoArray(dst, dof + j - j0);
    }
  }
}
