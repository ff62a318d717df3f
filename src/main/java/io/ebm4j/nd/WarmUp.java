package io.ebm4j.nd;

/**
 * Compiles a Vector API loop in the background. Such a loop runs a hundred times slower or more until the JIT
 * has compiled it (its Java fallback allocates a vector object per operation), which would cost a short run more than
 * the vectors save. A {@code WarmUp} calls the loop on scratch data in a daemon thread until its timing settles, and
 * callers take a scalar loop that gives the same bits until {@link #done()}: which loop ran never shows in the
 * numbers, only in the time.
 *
 * <pre>{@code
 * static final WarmUp WARM = WarmUp.start("sigmoid", () -> VectorSigmoid.apply(scratch, 0, 256));
 * if (WARM.done()) vectorLoop(a); else scalarLoop(a);
 * }</pre>
 */
public final class WarmUp {
  private static final int BLOCK = 1000;
  private static final int MIN_CALLS = 20_000;
  private static final int MAX_CALLS = 200_000;
  private volatile boolean done;

  private WarmUp() {}

  /** Whether the {@code jdk.incubator.vector} module is in the boot layer (so Vector API classes can load). */
  public static boolean vectorApi() {
    try {
      return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts calling {@code call} in a daemon thread named after {@code name}. */
  public static WarmUp start(String name, Runnable call) {
    if (call == null) {
      throw new IllegalArgumentException("call must not be null");
    }
    WarmUp w = new WarmUp();
    Thread t = new Thread(() -> w.run(call), "ebm4j-warm-up-" + name);
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return w;
  }

  /** A warm-up that is already done (for loops that need none). */
  public static WarmUp none() {
    WarmUp w = new WarmUp();
    w.done = true;
    return w;
  }

  /** Whether the loop has been compiled (its block time settled) or the call budget is spent. */
  public boolean done() {
    return done;
  }

  /** Blocks of calls until one takes at most 10% over the fastest so far, after at least MIN_CALLS calls. */
  private void run(Runnable call) {
    long best = Long.MAX_VALUE;
    try {
      for (int calls = 0; calls < MAX_CALLS; calls += BLOCK) {
        long t0 = System.nanoTime();
        for (int c = 0; c < BLOCK; c++) {
          call.run();
        }
        long dt = System.nanoTime() - t0;
        if (calls >= MIN_CALLS && dt <= best + best / 10) {
          break;
        }
        best = Math.min(best, dt);
      }
    } finally {
      done = true;
    }
  }
}
