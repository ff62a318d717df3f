package io.ebm4j.discrete;

import io.ebm4j.nd.WarmUp;

/**
 * Sums of selected rows of a float matrix, the products of binary states with a weight matrix: with the indices of
 * the units that are on, x W = sum_{k on} W_k. Two loops with the same per-element order of additions (a start row,
 * then the selected rows in the order given), so they give the same bits: a scalar one, and a Vector API one that
 * keeps each block of the result in registers while it adds the rows (used where the module is present, once
 * {@link WarmUp} has compiled it). Row lengths are multiples of 16 floats.
 */
final class RowSums {
  private static final WarmUp WARM = usable() ? WarmUp.start("row-sums", RowSums::warmUpCall) : null;
  private static float[] scratchW;
  private static float[] scratchOut;
  private static int[] scratchIdx;

  private RowSums() {}

  private static boolean usable() {
    try {
      return WarmUp.vectorApi() && VectorRowSums.usable();
    } catch (Throwable t) {
      return false;
    }
  }

  /** Whether calls now take the vector loops. */
  static boolean vectorised() {
    return WARM != null && WARM.done();
  }

  /** Loads this class, which starts compiling the vector loops in the background. */
  static void prepare() {
    // class initialisation starts the warm-up
  }

  /**
   * out[oo + j] = start[so + j] + sum_{a &lt; count} m[idx[from + a] * len + j] for j &lt; len (row length len, a
   * multiple of 16).
   */
  static void sum(float[] start, int so, float[] m, int[] idx, int from, int count, float[] out, int oo, int len) {
    if (WARM != null && WARM.done()) {
      VectorRowSums.sum(start, so, m, idx, from, count, out, oo, len);
      return;
    }
    System.arraycopy(start, so, out, oo, len);
    for (int a = 0; a < count; a++) {
      int mo = idx[from + a] * len;
      for (int j = 0; j < len; j++) {
        out[oo + j] += m[mo + j];
      }
    }
  }

  /**
   * dst[do + j] += scale * m[idx[from + a] * len + j], for a = 0, 1, ... count - 1 in turn (the product rounded before
   * each addition), j &lt; len.
   */
  static void addScaled(float[] dst, int dof, float[] m, int[] idx, int from, int count, float scale, int len) {
    if (WARM != null && WARM.done()) {
      VectorRowSums.addScaled(dst, dof, m, idx, from, count, scale, len);
      return;
    }
    for (int a = 0; a < count; a++) {
      int mo = idx[from + a] * len;
      for (int j = 0; j < len; j++) {
        dst[dof + j] += scale * m[mo + j];
      }
    }
  }

  /** addScaled with (m1, idx1, scale1), then with (m2, idx2, scale2): one pass over dst. */
  static void addScaledPair(float[] dst, int dof, float[] m1, int[] idx1, int from1, int count1, float scale1,
      float[] m2, int[] idx2, int from2, int count2, float scale2, int len) {
    if (WARM != null && WARM.done()) {
      VectorRowSums.addScaledPair(dst, dof, m1, idx1, from1, count1, scale1, m2, idx2, from2, count2, scale2, len);
      return;
    }
    addScaled(dst, dof, m1, idx1, from1, count1, scale1, len);
    addScaled(dst, dof, m2, idx2, from2, count2, scale2, len);
  }

  /**
   * One call of each vector loop on one block of 16 floats and one row (the warm-up's work: small, so that the calls
   * before the loops are compiled, a hundred times slower or more than compiled ones, cost little).
   */
  private static void warmUpCall() {
    if (scratchW == null) {
      scratchW = new float[32];
      scratchOut = new float[16];
      scratchIdx = new int[] {1};
    }
    VectorRowSums.sum(scratchOut, 0, scratchW, scratchIdx, 0, 1, scratchOut, 0, 16);
    VectorRowSums.addScaled(scratchOut, 0, scratchW, scratchIdx, 0, 1, 0.5f, 16);
    VectorRowSums.addScaledPair(scratchOut, 0, scratchW, scratchIdx, 0, 1, 0.5f, scratchW, scratchIdx, 0, 1, -0.5f, 16);
  }
}
