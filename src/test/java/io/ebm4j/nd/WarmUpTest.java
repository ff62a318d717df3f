package io.ebm4j.nd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void callsTheLoopInTheBackgroundUntilItsTimingSettles() throws InterruptedException {
    AtomicLong calls = new AtomicLong();
    WarmUp w = WarmUp.start("test", calls::incrementAndGet);
    long t0 = System.nanoTime();
    while (!w.done() && System.nanoTime() - t0 < 30_000_000_000L) {
      Thread.sleep(5);
    }
    assertTrue(w.done(), "done within 30 s");
    assertTrue(calls.get() >= 20_000, "at least 20,000 calls, got " + calls.get());
  }

  @Test
  void noneIsDoneAndANullLoopIsRejected() {
    assertTrue(WarmUp.none().done());
    assertThrows(IllegalArgumentException.class, () -> WarmUp.start("x", null));
  }
}
