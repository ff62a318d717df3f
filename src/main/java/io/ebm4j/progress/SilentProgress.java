package io.ebm4j.progress;

import java.util.Map;

/** Shows nothing. */
final class SilentProgress implements Progress {
  static final SilentProgress INSTANCE = new SilentProgress();

  private SilentProgress() {}

  @Override
  public void start(String label, long total) {}

  @Override
  public void step(long done, Map<String, Double> metrics) {}

  @Override
  public void close() {}
}
