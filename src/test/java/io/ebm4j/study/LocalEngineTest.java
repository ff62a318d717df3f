package io.ebm4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The thread-pool engine: task order, parallelism, failures, validation and shutdown. */
class LocalEngineTest {

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void resultsComeBackInTaskOrderEvenWhenLaterTasksFinishFirst() {
    try (LocalEngine engine = LocalEngine.threads(4)) {
      List<Integer> tasks = range(12);
      List<String> out = engine.map(tasks, i -> {
        sleep(3L * (12 - i)); // the last tasks finish first
        return "cell-" + i;
      });
      assertEquals(tasks.stream().map(i -> "cell-" + i).toList(), out);
    }
  }

  @Test
  void tasksRunConcurrentlyOnAsManyDaemonThreadsAsAskedFor() {
    try (LocalEngine engine = LocalEngine.threads(3)) {
      CountDownLatch allStarted = new CountDownLatch(3);
      List<Boolean> met = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> engine.map(range(3), i -> {
        allStarted.countDown();
        // with fewer than 3 threads this would wait for the full 20 s and report false
        return await(allStarted, 20) && Thread.currentThread().isDaemon();
      }));
      assertEquals(List.of(true, true, true), met);
    }
  }

  @Test
  void theFirstFailureIsRethrownAsItIsAndTheOtherTasksAreCancelled() {
    try (LocalEngine engine = LocalEngine.threads(2)) {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      IllegalArgumentException failure = new IllegalArgumentException("cell 1 diverged");
      IllegalArgumentException thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
          assertThrows(IllegalArgumentException.class, () -> engine.map(range(2), i -> {
            if (i == 1) {
              await(running, 20); // fail only once task 0 is under way
              throw failure;
            }
            running.countDown();
            try {
              Thread.sleep(60_000); // cancelled long before
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
            return i;
          })));
      assertSame(failure, thrown);
      assertTrue(await(interrupted, 20), "the running task was not interrupted");
      // the engine is still usable after a failure
      assertEquals(List.of(0, 2, 4), engine.map(range(3), i -> 2 * i));
    }
  }

  @Test
  void errorsPropagateAsTheyAre() {
    try (LocalEngine engine = LocalEngine.threads(2)) {
      AssertionError thrown = assertThrows(AssertionError.class, () -> engine.map(range(4), i -> {
        if (i == 2) {
          throw new AssertionError("broken invariant in cell 2");
        }
        return i;
      }));
      assertEquals("broken invariant in cell 2", thrown.getMessage());
    }
  }

  @Test
  void anEmptyListOfTasksGivesAnEmptyList() {
    try (LocalEngine engine = LocalEngine.threads(1)) {
      assertEquals(List.of(), engine.map(List.<Integer>of(), i -> i));
    }
  }

  @Test
  void threadCountMustBePositive() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> LocalEngine.threads(0));
    assertEquals("threads must be at least 1, got 0", zero.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> LocalEngine.threads(-3));
    assertEquals("threads must be at least 1, got -3", negative.getMessage());
  }

  @Test
  void autoUsesOneThreadPerAvailableProcessor() {
    try (LocalEngine engine = LocalEngine.auto()) {
      int cores = Runtime.getRuntime().availableProcessors();
      assertEquals(cores, engine.threadCount());
      assertEquals("local(" + cores + (cores == 1 ? " thread)" : " threads)"), engine.name());
    }
    try (Engine engine = Engines.local(2)) {
      assertEquals("local(2 threads)", engine.name());
    }
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    try (LocalEngine engine = LocalEngine.threads(1)) {
      assertEquals("tasks must not be null",
          assertThrows(IllegalArgumentException.class, () -> engine.map(null, (Integer i) -> i)).getMessage());
      assertEquals("f must not be null",
          assertThrows(IllegalArgumentException.class, () -> engine.map(range(1), null)).getMessage());
    }
  }

  @Test
  void aClosedEngineRefusesWorkAndClosingTwiceIsHarmless() {
    LocalEngine engine = LocalEngine.threads(2);
    assertEquals(List.of(1), engine.map(List.of(0), i -> i + 1));
    engine.close();
    engine.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> engine.map(range(2), i -> i));
    assertEquals("engine local(2 threads) is closed", closed.getMessage());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean await(CountDownLatch latch, long seconds) {
    try {
      return latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
