package io.ebm4j.nd;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks and views for batches of points, the unit of work everywhere in ebm4j: an {@code INDArray} of shape
 * [N, d] in double precision, row-major. Fused loops read and write such arrays through a direct
 * {@link DoubleBuffer} over ND4J's own memory, so no copy and no per-element native call is made.
 *
 * <pre>{@code
 * INDArray x = Batches.requireBatch(userInput, 2, "x"); // throws with the parameter's name on bad input
 * DoubleBuffer b = Batches.buffer(x);                  // b.get(i * d + j) is x[i, j]
 * }</pre>
 */
public final class Batches {
  private Batches() {}

  /** A new [n, d] double array of zeros. */
  public static INDArray zeros(long n, long d) {
    return Nd4j.zeros(DataType.DOUBLE, n, d);
  }

  /** A new [n] double vector of zeros. */
  public static INDArray zeros(long n) {
    return Nd4j.zeros(DataType.DOUBLE, n);
  }

  /** A [n] vector from values (copied). */
  public static INDArray vector(double... values) {
    return Nd4j.createFromArray(values.clone());
  }

  /**
   * A direct view over the values of a dense, row-major, offset-free double array. Index {@code i*d+j} is element
   * [i, j]. Arrays from {@link #requireBatch} and from ebm4j's own allocations qualify.
   */
  public static DoubleBuffer buffer(INDArray a) {
    if (!isDense(a)) {
      throw new IllegalArgumentException("array must be a dense row-major double array without offset, got "
          + a.dataType() + " order " + a.ordering() + " offset " + a.offset() + " shape "
          + java.util.Arrays.toString(a.shape()));
    }
    DoubleBuffer b = a.data().asNioDouble();
    keepAlive(b, a.data());
    return b;
  }

  /**
   * Keeps a buffer's owner (the ND4J data buffer whose native memory it views) reachable as long as the view is.
   * ND4J frees an array's memory when the garbage collector finds its Java object unreachable, and a view made by
   * {@code asNioDouble} does not reference that object: code that keeps only the view of a temporary array (the
   * common {@code DoubleBuffer b = buffer(x.dup())}) would read freed memory after a collection. Each view holds
   * its owner through a weak entry keyed by the view's identity, dropped once the view itself is collected.
   */
  private static void keepAlive(DoubleBuffer view, Object owner) {
    java.lang.ref.Reference<?> r;
    while ((r = VIEWS_COLLECTED.poll()) != null) {
      LIVE_VIEWS.remove(r);
    }
    LIVE_VIEWS.add(new ViewOwner(view, owner, VIEWS_COLLECTED));
  }

  private static final java.lang.ref.ReferenceQueue<DoubleBuffer> VIEWS_COLLECTED =
      new java.lang.ref.ReferenceQueue<>();
  private static final java.util.Set<ViewOwner> LIVE_VIEWS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A weak reference to a view that holds the view's owner strongly (identity equality). */
  private static final class ViewOwner extends java.lang.ref.WeakReference<DoubleBuffer> {
    @SuppressWarnings("unused") // held only to keep the owner reachable
    private final Object owner;

    ViewOwner(DoubleBuffer view, Object owner, java.lang.ref.ReferenceQueue<DoubleBuffer> q) {
      super(view, q);
      this.owner = owner;
    }
  }

  /** Whether {@link #buffer} accepts this array without a copy. */
  public static boolean isDense(INDArray a) {
    if (a.dataType() != DataType.DOUBLE || a.offset() != 0 || a.data().length() != a.length()) {
      return false;
    }
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      if (shape[k] != 1 && stride[k] != expected) {
        return false;
      }
      expected *= shape[k];
    }
    return true;
  }

  /**
   * Validates a batch of points: rank 2 with {@code dim} columns (a rank-1 array is read as a column when dim is 1),
   * at least one row, every value finite. Returns a dense double copy when the input is not dense already.
   *
   * @throws IllegalArgumentException naming {@code name} and the offending value or shape
   */
  public static INDArray requireBatch(INDArray x, int dim, String name) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    INDArray a = x;
    if (a.rank() == 1 && dim == 1) {
      a = a.reshape(a.length(), 1);
    }
    if (a.rank() != 2 || a.columns() != dim) {
      throw new IllegalArgumentException(name + " must have shape [N, " + dim + "], got "
          + java.util.Arrays.toString(x.shape()));
    }
    if (a.rows() < 1) {
      throw new IllegalArgumentException(name + " must hold at least one row, got 0");
    }
    if (!isDense(a)) {
      a = a.castTo(DataType.DOUBLE).dup('c');
    }
    requireFinite(a, name);
    return a;
  }

  /** Throws if any value of {@code a} is NaN or infinite, naming the first offending index and value. */
  public static void requireFinite(INDArray a, String name) {
    DoubleBuffer b = buffer(a);
    long n = a.length();
    long cols = a.rank() == 2 ? a.columns() : 1;
    for (int i = 0; i < n; i++) {
      double v = b.get(i);
      if (!Double.isFinite(v)) {
        String at = a.rank() == 2 ? "[" + (i / cols) + ", " + (i % cols) + "]" : "[" + i + "]";
        throw new IllegalArgumentException(name + " must be finite, got " + v + " at " + at);
      }
    }
  }

  /** Validates a weight vector of length n: finite, non-negative. */
  public static INDArray requireWeights(INDArray w, long n, String name) {
    if (w == null || w.length() != n) {
      throw new IllegalArgumentException(name + " must have length " + n + ", got "
          + (w == null ? "null" : String.valueOf(w.length())));
    }
    INDArray a = isDense(w) ? w : w.castTo(DataType.DOUBLE).dup('c');
    requireFinite(a, name);
    return a;
  }

  /** Copies a dense array's values into a new Java array. */
  public static double[] toArray(INDArray a) {
    double[] out = new double[(int) a.length()];
    buffer(a).get(0, out);
    return out;
  }
}
