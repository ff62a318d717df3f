package io.ebm4j.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One compact line redrawn in place with a carriage return, e.g.
 * {@code train  42% [#########.............]  420/1000  0:03<0:04  loss=0.1234}. Notebook front ends treat
 * {@code \r} as "rewrite this line", so a cell shows one line, not thousands. Redraws at most every
 * {@link #MIN_INTERVAL_NANOS} (and always on the last step and on close) to keep the kernel's output channel quiet.
 */
final class NotebookProgress implements Progress {
  static final long MIN_INTERVAL_NANOS = 250_000_000L;
  private static final int BAR = 20;

  private final PrintStream out;
  private final LongSupplier clock;
  private String label = "";
  private long total;
  private long startNanos;
  private long lastDraw;
  private long done;
  private String metrics = "";
  private boolean open;
  private int lastWidth;
  private String lastLine;

  NotebookProgress(PrintStream out) {
    this(out, System::nanoTime);
  }

  NotebookProgress(PrintStream out, LongSupplier clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized void start(String label, long total) {
    close();
    this.label = label == null ? "" : label;
    this.total = total;
    this.done = 0;
    this.metrics = "";
    this.startNanos = clock.getAsLong();
    this.lastDraw = Long.MIN_VALUE;
    this.lastWidth = 0;
    this.lastLine = null;
    this.open = true;
    draw();
  }

  @Override
  public synchronized void step(long done, Map<String, Double> metrics) {
    if (!open) {
      return;
    }
    this.done = done;
    this.metrics = Metrics.format(metrics);
    long now = clock.getAsLong();
    if (now - lastDraw >= MIN_INTERVAL_NANOS || (total > 0 && done >= total)) {
      draw();
    }
  }

  @Override
  public synchronized void close() {
    if (!open) {
      return;
    }
    open = false;
    draw();
    out.print('\n');
    out.flush();
  }

  /** The line as it is drawn now (without the carriage return). */
  synchronized String line() {
    StringBuilder sb = new StringBuilder();
    if (!label.isEmpty()) {
      sb.append(label).append("  ");
    }
    double elapsed = (clock.getAsLong() - startNanos) / 1e9;
    if (total > 0) {
      double f = Math.max(0, Math.min(1, (double) done / total));
      int filled = (int) Math.round(f * BAR);
      sb.append(String.format(Locale.ROOT, "%3d%% [", (int) Math.floor(f * 100)))
          .append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("]  ")
          .append(done).append('/').append(total).append("  ").append(Metrics.duration((long) elapsed));
      if (done > 0 && done < total) {
        sb.append('<').append(Metrics.duration((long) (elapsed / done * (total - done))));
      }
    } else {
      sb.append(done).append(" steps  ").append(Metrics.duration((long) elapsed));
    }
    if (!metrics.isEmpty()) {
      sb.append("  ").append(metrics);
    }
    return sb.toString();
  }

  /** One write per redraw (each write may become one kernel message); an unchanged line is not redrawn. */
  private void draw() {
    String s = line();
    lastDraw = clock.getAsLong();
    if (s.equals(lastLine)) {
      return;
    }
    int pad = Math.max(0, lastWidth - s.length());
    out.print("\r" + s + " ".repeat(pad));
    out.flush();
    lastWidth = s.length();
    lastLine = s;
  }
}
