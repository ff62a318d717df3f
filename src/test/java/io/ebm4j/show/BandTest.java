package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Seed aggregates of histories: per-step mean, min and max, and how they are drawn. */
class BandTest {
  private static Table history(int[] steps, double... values) {
    return Table.create("h", IntColumn.create("step", steps), DoubleColumn.create("q", values));
  }

  @Test
  void meanMinAndMaxAreTakenStepByStepOverTheTables() {
    int[] steps = {0, 10, 20};
    Band b = Band.of(List.of(history(steps, 1, 2, 3), history(steps, 3, -2, 6), history(steps, 2, 3, 0)), "step",
        "q");
    assertArrayEquals(new double[] {0, 10, 20}, b.x());
    assertArrayEquals(new double[] {2, 1, 3}, b.mean(), 1e-15);
    assertArrayEquals(new double[] {1, -2, 0}, b.min());
    assertArrayEquals(new double[] {3, 3, 6}, b.max());
    assertEquals(3, b.count());
    assertTrue(b.hasSpread());
  }

  @Test
  void theTransformAppliesToEachValueBeforeAggregatingAndNaNsAreLeftOut() {
    int[] steps = {0, 1};
    Band b = Band.of(List.of(history(steps, -4, Double.NaN), history(steps, 2, 5)), "step", "q", Math::abs);
    assertArrayEquals(new double[] {3, 5}, b.mean(), 1e-15);
    assertArrayEquals(new double[] {2, 5}, b.min());
    assertArrayEquals(new double[] {4, 5}, b.max());
    Band floored = Band.of(List.of(history(steps, 0, -1)), "step", "q", Plots.atLeast(1e-3));
    assertArrayEquals(new double[] {1e-3, 1e-3}, floored.mean());
    assertFalse(floored.hasSpread());
  }

  @Test
  void historiesWithDifferentStepsAreRejectedNamingTheRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Band.of(List.of(
        history(new int[] {0, 10}, 1, 2), history(new int[] {0, 20}, 1, 2)), "step", "q"));
    assertEquals("histories must share step: table 1 has 20.0 at row 1 where table 0 has 10.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Band.of(List.of(history(new int[] {0}, 1)), "step",
        "massOfB"));
    assertTrue(e.getMessage().contains("'massOfB'") && e.getMessage().contains("step, q"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Band.of(List.of(), "step", "q"));
  }

  @Test
  void aBandIsAHiddenFilledPolygonFromMaxBackAlongMinUnderAStyledMeanLine() {
    int[] steps = {0, 1, 2};
    Band b = Band.of(List.of(history(steps, 1, 2, 3), history(steps, 3, 4, 5)), "step", "q");
    XYChart c = Plots.chart("t", "step", "q");
    XYSeries mean = Plots.band(c, "pcd", Palette.of("pcd"), b);
    XYSeries fill = c.getSeriesCollection().stream()
        .filter(s -> s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.PolygonArea)
        .findFirst().orElseThrow();
    assertFalse(fill.isShowInLegend());
    assertArrayEquals(new double[] {0, 1, 2, 2, 1, 0}, fill.getXData());
    assertArrayEquals(new double[] {3, 4, 5, 3, 2, 1}, fill.getYData());
    assertEquals(Palette.VERMILLION.getRGB() & 0xFFFFFF, fill.getFillColor().getRGB() & 0xFFFFFF);
    assertTrue(fill.getFillColor().getAlpha() < 255, "the band is translucent");
    assertTrue(mean.isShowInLegend());
    assertEquals("pcd", mean.getName());
    XYSeries line = c.getSeriesCollection().stream().filter(s -> s.getName().startsWith("pcd ")
        && !s.isShowInLegend() && s != fill).findFirst().orElseThrow();
    assertArrayEquals(new double[] {2, 3, 4}, line.getYData(), 1e-15);
  }

  @Test
  void longHistoriesAreThinnedToEveryKthStepAndTheBandKeepsItsEnvelope() {
    int n = 3001;
    int[] steps = new int[n];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      a[i] = Math.sin(i * 0.37);
      b[i] = a[i] + (i == 1234 ? 5 : 1);
    }
    Band band = Band.of(List.of(history(steps, a), history(steps, b)), "step", "q");
    XYChart c = Plots.chart("t", "step", "q");
    Plots.band(c, "exact", Palette.of("exact"), band);
    XYSeries fill = c.getSeriesCollection().stream()
        .filter(s -> s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.PolygonArea)
        .findFirst().orElseThrow();
    XYSeries mean = c.getSeries("exact");
    assertEquals(501, mean.getXData().length, "every 6th of 3001 steps: at most 600 points");
    assertEquals(3000, mean.getXData()[500]);
    assertEquals(2 * 501, fill.getXData().length);
    double top = java.util.Arrays.stream(fill.getYData()).max().orElseThrow();
    double bottom = java.util.Arrays.stream(fill.getYData()).min().orElseThrow();
    assertEquals(a[1234] + 5, top, 0.0, "the spike at step 1234 (not a kept step) stays in the band");
    assertEquals(java.util.Arrays.stream(a).min().orElseThrow(), bottom, 0.0);
  }
}
