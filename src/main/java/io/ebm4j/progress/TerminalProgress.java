package io.ebm4j.progress;

import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei:progressbar) with the latest metrics as its message. */
final class TerminalProgress implements Progress {
  private ProgressBar bar;

  @Override
  public synchronized void start(String label, long total) {
    close();
    bar = new ProgressBarBuilder()
        .setTaskName(label == null ? "" : label)
        .setInitialMax(total > 0 ? total : -1)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(200)
        .continuousUpdate()
        .build();
  }

  @Override
  public synchronized void step(long done, Map<String, Double> metrics) {
    if (bar == null) {
      return;
    }
    bar.stepTo(done);
    bar.setExtraMessage(Metrics.format(metrics));
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
