package io.ebm4j.nd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Deterministic data parallelism over the rows of a batch. Work is cut into a number of chunks that depends only on
 * the batch size (never on the number of threads), so chunked random streams and chunked sums give the same numbers
 * on one core or many. Chunks run on the common fork-join pool.
 */
public final class Par {
  /** Batches smaller than this run on the calling thread, in one chunk. */
  public static final int MIN_PARALLEL = 2048;
  /** Number of chunks for large batches; also the number of random streams of {@link io.ebm4j.random.Rng}. */
  public static final int CHUNKS = 16;

  private Par() {}

  /** Body of a chunked loop over rows [from, to) of chunk {@code chunk}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int chunk, int from, int to);
  }

  /** Body of a chunked reduction: returns the partial sum of rows [from, to). */
  @FunctionalInterface
  public interface RangeSum {
    double sum(int chunk, int from, int to);
  }

  /** Number of chunks used for n rows. */
  public static int chunks(int n) {
    return n < MIN_PARALLEL ? 1 : CHUNKS;
  }

  /** Start row of chunk c out of k over n rows. */
  public static int start(int n, int k, int c) {
    return (int) ((long) n * c / k);
  }

  /**
   * Runs body over all chunks of n rows, in parallel when n is large. The calling thread takes chunks too: it and up
   * to {@code parallelism} helper tasks on the common pool claim chunk indices from one counter until none is left,
   * then the caller waits for the chunks others claimed. (Forking one task per chunk and joining them left an outside
   * caller, such as a study's engine thread or a benchmark thread, blocked in the join while the pool's workers ran
   * all the chunks; with one worker, two threads ran no faster than one.) Which thread runs a chunk never changes
   * what it computes.
   */
  public static void forRange(int n, RangeBody body) {
    int k = chunks(n);
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    if (k == 1 || parallelism < 1) {
      for (int c = 0; c < k; c++) {
        body.run(c, start(n, k, c), start(n, k, c + 1));
      }
      return;
    }
    Shared shared = new Shared(n, k, body);
    int helpers = Math.min(parallelism, k - 1);
    for (int h = 0; h < helpers; h++) {
      ForkJoinPool.commonPool().execute(shared::drain);
    }
    shared.drain();
    shared.await();
  }

  /** The chunks of one {@link #forRange} call: the next unclaimed index, a count of finished ones, the first error. */
  private static final class Shared {
    private final int n;
    private final int k;
    private final RangeBody body;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    Shared(int n, int k, RangeBody body) {
      this.n = n;
      this.k = k;
      this.body = body;
      this.finished = new CountDownLatch(k);
    }

    /** Claims and runs chunks until none is left (a helper that starts late finds none and returns). */
    void drain() {
      int c;
      while ((c = next.getAndIncrement()) < k) {
        try {
          if (error.get() == null) {
            body.run(c, start(n, k, c), start(n, k, c + 1));
          }
        } catch (Throwable t) {
          error.compareAndSet(null, t);
        } finally {
          finished.countDown();
        }
      }
    }

    /** Waits for every chunk, then rethrows the first error a chunk threw. */
    void await() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable t = error.get();
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }

  /** Sum over chunks in chunk order (deterministic for a given n). */
  public static double sum(int n, RangeSum body) {
    int k = chunks(n);
    double[] partial = new double[k];
    forRange(n, (c, from, to) -> partial[c] = body.sum(c, from, to));
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return s;
  }
}
