package io.ebm4j.nd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Deterministic data parallelism over the rows of a batch. Work is cut into a number of chunks that depends only on
 * the batch size (never on the number of threads), so chunked random streams and chunked sums give the same numbers
 * on one core or many. The calling thread runs chunks itself, helped by {@link Helpers} threads (as many as the
 * common fork-join pool's parallelism: one on two cores, none with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=0}).
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

  private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /**
   * Runs work with this thread's chunked loops on this thread alone, without helpers: for callers that already keep
   * every core busy, such as the cells of a study on several threads at once, where a helper would only take turns
   * with them. The numbers are the same either way.
   *
   * <pre>{@code
   * Run<TwoWells> r = Par.alone(() -> training.run());
   * }</pre>
   */
  public static <T> T alone(java.util.function.Supplier<T> work) {
    Boolean before = ALONE.get();
    ALONE.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      ALONE.set(before);
    }
  }

  /** Whether this thread's chunked loops are shared with helper threads (there are some, and not {@link #alone}). */
  public static boolean helped() {
    return Helpers.COUNT > 0 && !ALONE.get();
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
   * Runs body over all chunks of n rows, in parallel when n is large. The calling thread takes chunks too: it and the
   * helper threads claim chunk indices from one counter until none is left, then the caller waits for the chunks
   * others claimed. Which thread runs a chunk never changes what it computes.
   */
  public static void forRange(int n, RangeBody body) {
    forChunks(n, chunks(n), body);
  }

  /**
   * As {@link #forRange}, with the number of chunks k (at least 1) chosen by the caller: a function of n alone, so
   * that what each chunk computes never depends on the threads. For work whose chunks are coarse, such as blocks of
   * rows that each run a whole network.
   */
  public static void forChunks(int n, int k, RangeBody body) {
    if (k < 1) {
      throw new IllegalArgumentException("k (chunks) must be at least 1, got " + k);
    }
    if (k == 1 || !helped()) {
      for (int c = 0; c < k; c++) {
        body.run(c, start(n, k, c), start(n, k, c + 1));
      }
      return;
    }
    Shared shared = new Shared(n, k, body);
    Helpers.offer(shared);
    try {
      shared.drain();
      shared.await();
    } finally {
      Helpers.withdraw(shared);
    }
  }

  /**
   * Threads that help {@link #forRange} callers. A step of a sampler runs several passes of 20-100 µs each, about the
   * time a parked thread takes to wake up: pool workers woken per call arrived when the caller had run most chunks
   * itself. So a helper that finished a call polls for the next one for {@link #SPIN_NANOS} before it parks, and a
   * caller publishes its call in one field the helpers poll (waking parked ones). Several callers at once (cells of
   * a study on several threads) may replace each other's call there: a helper then misses one, whose caller runs its
   * chunks alone. Daemon threads, started on first use.
   */
  static final class Helpers {
    /** How long an idle helper polls for the next call before it parks. */
    static final long SPIN_NANOS = 200_000;
    static final int COUNT = count();
    private static volatile Shared published;
    private static volatile Helper[] threads;

    private Helpers() {}

    /** The common pool's parallelism as configured (its getter reports 1 when it is set to 0), else cores - 1. */
    private static int count() {
      String p = System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism");
      if (p != null) {
        try {
          return Math.max(0, Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
          // as the pool does with a malformed value: the default
        }
      }
      return Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    }

    static void offer(Shared s) {
      published = s;
      Helper[] ts = threads;
      if (ts == null) {
        ts = start();
      }
      for (Helper t : ts) {
        if (t.parked) {
          LockSupport.unpark(t);
        }
      }
    }

    /** Drops the reference to a finished call (so that it does not keep what its body captured alive). */
    static void withdraw(Shared s) {
      if (published == s) {
        published = null;
      }
    }

    private static synchronized Helper[] start() {
      if (threads == null) {
        Helper[] ts = new Helper[COUNT];
        for (int i = 0; i < COUNT; i++) {
          ts[i] = new Helper(i);
          ts[i].start();
        }
        threads = ts;
      }
      return threads;
    }

    private static final class Helper extends Thread {
      volatile boolean parked;

      Helper(int i) {
        super("ebm4j-par-" + i);
        setDaemon(true);
      }

      @Override
      public void run() {
        long seen = -1;
        long idleSince = System.nanoTime();
        while (true) {
          Shared s = published;
          if (s != null && s.id != seen) {
            seen = s.id;
            s.drain();
            idleSince = System.nanoTime();
          } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
            Thread.onSpinWait();
          } else {
            parked = true;
            Shared again = published; // a call published before parked was set is seen here, not missed
            if (again == null || again.id == seen) {
              LockSupport.park(this);
            }
            parked = false;
            idleSince = System.nanoTime();
          }
        }
      }
    }
  }

  /** The chunks of one {@link #forRange} call: the next unclaimed index, a count of finished ones, the first error. */
  private static final class Shared {
    private static final AtomicLong IDS = new AtomicLong();
    final long id = IDS.getAndIncrement();
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
      long t0 = System.nanoTime(); // a helper's last chunk ends within microseconds: poll before blocking
      while (finished.getCount() > 0 && System.nanoTime() - t0 < Helpers.SPIN_NANOS) {
        Thread.onSpinWait();
      }
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
