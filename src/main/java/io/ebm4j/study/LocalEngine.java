package io.ebm4j.study;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tasks of a sweep on a fixed pool of daemon threads in this JVM. Results come back in task order; the
 * first task to fail (in time) cancels the others and its exception is rethrown by {@link #map}. Tasks are not
 * serialized, so the function may capture anything; since each task gets its own thread, tasks must not share
 * mutable state.
 *
 * <pre>{@code
 * try (Engine engine = LocalEngine.threads(4)) {
 *   List<Double> out = engine.map(seeds, seed -> run(seed));
 * }
 * }</pre>
 */
public final class LocalEngine implements Engine {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int threads;
  private final ExecutorService pool;

  private LocalEngine(int threads) {
    this.threads = threads;
    int id = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "ebm4j-engine-" + id + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /** An engine with n worker threads. */
  public static LocalEngine threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + n);
    }
    return new LocalEngine(n);
  }

  /** An engine with one worker thread per available processor. */
  public static LocalEngine auto() {
    return threads(Runtime.getRuntime().availableProcessors());
  }

  /** The number of worker threads. */
  public int threadCount() {
    return threads;
  }

  @Override
  public String name() {
    return "local(" + threads + (threads == 1 ? " thread)" : " threads)");
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, SerializableFunction<T, R> f) {
    if (tasks == null) {
      throw new IllegalArgumentException("tasks must not be null");
    }
    if (f == null) {
      throw new IllegalArgumentException("f must not be null");
    }
    if (pool.isShutdown()) {
      throw new IllegalStateException("engine " + name() + " is closed");
    }
    int n = tasks.size();
    // tasks that run side by side keep the cores busy themselves: their chunked loops then run without helpers
    boolean sideBySide = Math.min(threads, n) > 1;
    CompletionService<R> done = new ExecutorCompletionService<>(pool);
    List<Future<R>> futures = new ArrayList<>(n);
    try {
      for (T task : tasks) {
        futures.add(done.submit(() -> sideBySide ? io.ebm4j.nd.Par.alone(() -> f.apply(task)) : f.apply(task)));
      }
      for (int i = 0; i < n; i++) {
        done.take().get(); // completion order: the first failure surfaces as soon as it happens
      }
      List<R> out = new ArrayList<>(n);
      for (Future<R> future : futures) {
        out.add(future.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the tasks of " + name(), e);
    } finally {
      for (Future<R> future : futures) {
        future.cancel(true);
      }
    }
  }

  /** Unchecked exceptions and errors as they are; anything else (a sneaky checked exception) wrapped. */
  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("task failed: " + cause, cause);
  }

  /** Stops the worker threads (interrupting running tasks); idempotent. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
