package io.ebm4j.study;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Cells on a local pool of threads (placeholder until the engine work lands). */
public final class LocalEngine implements Engine {
  private final int threads;

  private LocalEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  public static LocalEngine threads(int n) {
    return new LocalEngine(n);
  }

  public static LocalEngine auto() {
    return new LocalEngine(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return "local[" + threads + "]";
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, SerializableFunction<T, R> f) {
    List<R> out = new ArrayList<>();
    if (threads == 1 || tasks.size() <= 1) {
      for (T t : tasks) {
        out.add(f.apply(t));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread th = new Thread(r, "ebm4j-cell");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<R>> fs = new ArrayList<>();
      for (T t : tasks) {
        fs.add(pool.submit(() -> f.apply(t)));
      }
      for (Future<R> fu : fs) {
        out.add(fu.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
