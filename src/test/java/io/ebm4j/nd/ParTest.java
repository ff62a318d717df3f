package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Chunked loops: every chunk runs exactly once whoever runs it, sums come out in chunk order, a chunk's exception
 * reaches the caller as itself, and {@link Par#alone} keeps the chunks on the calling thread.
 */
class ParTest {
  /** A few microseconds of arithmetic per row, so that helpers have time to take chunks. */
  private static double work(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += Math.sqrt(i + 1.0) * 1e-3;
    }
    return s;
  }

  @Test
  void everyChunkRunsOnceAndCoversItsRows() {
    int n = 10_007;
    for (int round = 0; round < 200; round++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Par.CHUNKS);
      AtomicIntegerArray rows = new AtomicIntegerArray(n);
      Par.forRange(n, (c, from, to) -> {
        runs.incrementAndGet(c);
        for (int i = from; i < to; i++) {
          rows.incrementAndGet(i);
        }
      });
      for (int c = 0; c < Par.CHUNKS; c++) {
        assertEquals(1, runs.get(c), "chunk " + c + " in round " + round);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(1, rows.get(i), "row " + i + " in round " + round);
      }
    }
  }

  @Test
  void sumsAreInChunkOrderWhoeverRunsTheChunks() {
    int n = 50_000;
    double expected = 0;
    for (int c = 0; c < Par.CHUNKS; c++) {
      expected += work(Par.start(n, Par.CHUNKS, c), Par.start(n, Par.CHUNKS, c + 1));
    }
    for (int round = 0; round < 100; round++) {
      assertEquals(expected, Par.sum(n, (c, from, to) -> work(from, to)), 0.0, "round " + round);
      double alone = Par.alone(() -> Par.sum(n, (c, from, to) -> work(from, to)));
      assertEquals(expected, alone, 0.0, "alone, round " + round);
    }
  }

  @Test
  void helpersTakeChunksUnlessTheCallerRunsAlone() {
    assumeTrue(Par.Helpers.COUNT > 0, "no helper threads on one core");
    Thread me = Thread.currentThread();
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < 2000 && seen.size() < 2; round++) {
      Par.forRange(50_000, (c, from, to) -> {
        seen.add(Thread.currentThread());
        work(from, to);
      });
    }
    assertTrue(seen.size() >= 2, "only " + seen + " ran chunks");
    Set<Thread> alone = ConcurrentHashMap.newKeySet();
    Par.alone(() -> {
      for (int round = 0; round < 200; round++) {
        Par.forRange(50_000, (c, from, to) -> {
          alone.add(Thread.currentThread());
          work(from, to);
        });
      }
      return null;
    });
    assertEquals(Set.of(me), alone);
  }

  @Test
  void aChunksExceptionReachesTheCallerAsItself() {
    IllegalStateException boom = new IllegalStateException("chunk 11 failed");
    for (int round = 0; round < 50; round++) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Par.forRange(20_000, (c, from, to) -> {
        work(from, to);
        if (c == 11) {
          throw boom;
        }
      }));
      assertSame(boom, e, "round " + round);
    }
  }
}
