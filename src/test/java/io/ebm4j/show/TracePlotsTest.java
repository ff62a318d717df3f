package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Sampling;
import io.ebm4j.sample.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Trace plots show the kept draws as they are; the pooled density matches the target's exact density. */
class TracePlotsTest {
  private static final Trace T = Sampling.of(Energies.gaussian(new double[] {1.0, 0.0}, new double[] {0.5, 1.0}))
      .kernel(Kernels.mala(0.2)).chains(32).warmup(200).steps(1000).seed(8).run();

  private static double normalDensity(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  private static XYSeries series(XYChart c, String name) {
    return c.getSeriesCollection().stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
  }

  @Test
  void tracePlotHasOneLinePerChainThroughTheKeptDraws() {
    XYChart c = TracePlots.trace(T, 1, 3);
    for (int chain = 0; chain < 3; chain++) {
      XYSeries s = series(c, "chain " + chain);
      assertEquals(T.draws(), s.getYData().length);
      assertEquals(T.value(17, chain, 1), s.getYData()[17], 0.0);
      assertEquals(17.0, s.getXData()[17], 0.0);
    }
    assertEquals(null, series(c, "chain 3"));
  }

  @Test
  void pooledDensityOfMalaDrawsFollowsTheExactDensityDrawnOverIt() {
    XYChart c = TracePlots.density(T, 0, 40, x -> normalDensity(x, 1.0, 0.5));
    XYSeries hist = series(c, "draws (32000)");
    double[] xs = hist.getXData();
    double[] ys = hist.getYData();
    double mass = 0;
    double worst = 0;
    for (int k = 0; k < xs.length; k += 2) {
      double width = xs[k + 1] - xs[k];
      mass += ys[k] * width;
      double mid = 0.5 * (xs[k] + xs[k + 1]);
      worst = Math.max(worst, Math.abs(ys[k] - normalDensity(mid, 1.0, 0.5)));
    }
    assertEquals(1.0, mass, 1e-9, "the histogram is a density over the draws' range");
    assertTrue(worst < 0.08, "largest gap between histogram and exact density (peak 0.80): " + worst);
    XYSeries exact = series(c, "exact");
    assertEquals(normalDensity(exact.getXData()[100], 1.0, 0.5), exact.getYData()[100], 1e-15);
  }

  @Test
  void chartsRenderToPng(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("trace.png");
    Path b = dir.resolve("density.png");
    Figures.savePng(TracePlots.trace(T, 0, 4), a);
    Figures.savePng(TracePlots.density(T, 1, 30), b);
    assertTrue(Files.size(a) > 1000 && Files.size(b) > 1000);
  }

  @Test
  void badArgumentsAreRejectedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TracePlots.trace(T, 0, 33));
    assertEquals("chains must be in [1, 32], got 33", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TracePlots.density(T, 2, 10));
    assertEquals("coord must be in [0, 2), got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TracePlots.density(T, 0, 0));
    assertEquals("bins must be at least 1, got 0", e.getMessage());
  }
}
