package io.ebm4j.nd;

/**
 * Exponentials over blocks of a double array, the cost that dominates the fused loops of mixture energies, Langevin
 * kernels and importance weights (one or two {@code exp} per walker per step). By default a block is computed by
 * {@link Math#exp}, so seeded runs give the same numbers in every JVM. With {@code -Debm4j.vectorMath=true} and
 * {@code --add-modules jdk.incubator.vector} on x86-64 it is computed by the Vector API's lane-wise {@code EXP}, which
 * the JIT backs by Intel's short-vector math library (SVML): about seven times faster per element and within 1 ulp of
 * {@code Math.exp}. That path is opt-in because the Vector API computes the same operation differently before the JIT
 * has compiled it (its Java fallback) and after (SVML): the first run in a fresh JVM can differ from the next in the
 * last bits. The choice is made once, when this class loads; the vector code sits in its own class that is never
 * loaded without the module.
 *
 * <pre>{@code
 * double[] block = {-1.0, 0.0, 2.5};
 * VecMath.exp(block, block.length);   // block[i] = e^{block[i]}
 * }</pre>
 */
public final class VecMath {
  /** Block length the fused loops use for their scratch arrays (fits L1 with a few companions). */
  public static final int BLOCK = 256;
  private static final boolean VECTOR = detect();

  private VecMath() {}

  private static boolean detect() {
    if (!Boolean.getBoolean("ebm4j.vectorMath")) {
      return false;
    }
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return false; // without SVML the lane-wise EXP is a per-lane loop, slower than Math.exp
    }
    try {
      return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorExp.usable();
    } catch (Throwable t) {
      return false;
    }
  }

  /** Whether this JVM uses the vectorised path. */
  public static boolean vectorised() {
    return VECTOR;
  }

  /** v[i] = e^{v[i]} for i in [0, n), in place. */
  public static void exp(double[] v, int n) {
    exp(v, 0, n);
  }

  /** v[i] = e^{v[i]} for i in [off, off + n), in place. */
  public static void exp(double[] v, int off, int n) {
    if (VECTOR) {
      VectorExp.exp(v, off, n);
    } else {
      scalarExp(v, off, n);
    }
  }

  /** The scalar fallback: v[i] = Math.exp(v[i]) for i in [0, n). */
  static void scalarExp(double[] v, int n) {
    scalarExp(v, 0, n);
  }

  private static void scalarExp(double[] v, int off, int n) {
    for (int i = off; i < off + n; i++) {
      v[i] = Math.exp(v[i]);
    }
  }
}
