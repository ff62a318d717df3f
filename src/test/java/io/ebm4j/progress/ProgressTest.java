package io.ebm4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void autoIsSilentInTests() {
    assertSame(Progress.silent(), Progress.auto());
  }

  @Test
  void notebookLineIsOneRedrawnLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    NotebookProgress p = new NotebookProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
    p.start("train", 1000);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", 0.123456);
    m.put("step", 420.0);
    now.set(3_000_000_000L);
    p.step(420, m);
    assertEquals("train   42% [########............]  420/1000  0:03<0:04  loss=0.1235 step=420", p.line());
    p.close();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.endsWith("\n"));
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line: " + out);
    assertTrue(out.startsWith("\rtrain "), out);
  }

  @Test
  void notebookLineIsThrottled() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    NotebookProgress p = new NotebookProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
    p.start("s", 100_000);
    for (int k = 1; k <= 100_000; k++) {
      now.addAndGet(10_000); // 10 microseconds a step: 1 s in all
      p.step(k, Map.of());
    }
    p.close();
    long redraws = bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count();
    assertTrue(redraws <= 8, "redraws: " + redraws);
  }

  @Test
  void metricsFormatting() {
    assertEquals("1.000e-05", Metrics.number(1e-5));
    assertEquals("3", Metrics.number(3.0));
    assertEquals("nan", Metrics.number(Double.NaN));
    assertEquals("0.5000", Metrics.number(0.5));
    assertEquals("1:01:01", Metrics.duration(3661));
  }

  @Test
  void silentAcceptsAnything() {
    try (Progress p = Progress.silent()) {
      p.start(null, -1);
      p.step(5, Map.of("x", 1.0));
    }
  }
}
