package io.ebm4j.nd;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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

  /** Runs body over all chunks of n rows, in parallel when n is large. */
  public static void forRange(int n, RangeBody body) {
    int k = chunks(n);
    if (k == 1 || ForkJoinPool.getCommonPoolParallelism() < 1) {
      for (int c = 0; c < k; c++) {
        body.run(c, start(n, k, c), start(n, k, c + 1));
      }
      return;
    }
    RecursiveAction[] tasks = new RecursiveAction[k];
    for (int c = 0; c < k; c++) {
      final int cc = c;
      tasks[c] = new RecursiveAction() {
        @Override
        protected void compute() {
          body.run(cc, start(n, k, cc), start(n, k, cc + 1));
        }
      };
    }
    RecursiveAction.invokeAll(tasks);
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
