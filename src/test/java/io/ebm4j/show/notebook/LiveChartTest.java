package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.sample.Kernels;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Live training charts: shown once per metric, replaced in place every k steps and at the end, nothing outside. */
class LiveChartTest {
  /** What a kernel would have received: show or update, the display id, and the chart's line at that moment. */
  record Event(String kind, String id, String title, double[] x, double[] y) {}

  /** A display that records every call, snapshotting the chart, and numbers its outputs d0, d1, ... */
  static final class Recorder implements DisplaySink {
    final List<Event> events = new ArrayList<>();
    int shown;

    @Override
    public String show(Object value) {
      String id = "d" + shown++;
      events.add(snapshot("show", id, value));
      return id;
    }

    @Override
    public void update(String displayId, Object value) {
      events.add(snapshot("update", displayId, value));
    }

    private static Event snapshot(String kind, String id, Object value) {
      if (!(value instanceof XYChart c)) {
        return new Event(kind, id, String.valueOf(value), null, null);
      }
      XYSeries s = c.getSeriesCollection().iterator().next();
      return new Event(kind, id, c.getTitle(), s.getXData().clone(), s.getYData().clone());
    }
  }

  private static Map<String, Double> metrics(double a, double b) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("massOfB", a);
    m.put("essFraction", b);
    return m;
  }

  @Test
  void eachMetricIsShownOnceThenReplacedInPlaceEveryKStepsAndAtTheEnd() {
    Recorder r = new Recorder();
    LiveChart live = new LiveChart(100, List.of("massOfB"), () -> Optional.of(r));
    live.start("train", 250);
    for (int k = 0; k <= 250; k += 10) {
      live.step(k, metrics(k / 1000.0, 1.0));
    }
    live.close();
    // shown at step 0; replaced at 100, 200 and the last step 250; close adds nothing (already drawn)
    assertEquals(List.of("show", "update", "update", "update"), r.events.stream().map(Event::kind).toList());
    assertTrue(r.events.stream().allMatch(e -> e.id().equals("d0")), r.events.toString());
    assertArrayEquals(new double[] {0}, r.events.get(0).x());
    assertEquals(11, r.events.get(1).x().length);
    assertEquals(100.0, r.events.get(1).x()[10]);
    assertEquals(0.1, r.events.get(1).y()[10]);
    Event last = r.events.get(3);
    assertEquals(26, last.x().length);
    assertEquals(0.25, last.y()[25]);
    assertEquals("train: massOfB (step 250/250)", last.title());
  }

  @Test
  void closeDrawsTheStepsSinceTheLastRedraw() {
    Recorder r = new Recorder();
    LiveChart live = new LiveChart(100, List.of(), () -> Optional.of(r));
    live.start("", 0);
    for (int k = 0; k <= 130; k += 10) {
      live.step(k, metrics(k, 0.5));
    }
    live.close();
    live.step(140, metrics(1, 1)); // after close: nothing
    // two metrics, each shown at 0, replaced at 100 and on close (130)
    assertEquals(List.of("show d0", "show d1", "update d0", "update d1", "update d0", "update d1"),
        r.events.stream().map(e -> e.kind() + " " + e.id()).toList());
    assertEquals(14, r.events.get(4).x().length);
    assertEquals("essFraction (step 130)", r.events.get(5).title());
  }

  @Test
  void nonFiniteValuesAreLeftOutOfTheLine() {
    Recorder r = new Recorder();
    LiveChart live = new LiveChart(1, List.of("massOfB"), () -> Optional.of(r));
    live.start("t", 3);
    live.step(0, metrics(0.5, 1));
    live.step(1, metrics(Double.NaN, 1));
    live.step(2, metrics(Double.POSITIVE_INFINITY, 1));
    live.step(3, metrics(0.7, 1));
    live.close();
    Event last = r.events.get(r.events.size() - 1);
    assertArrayEquals(new double[] {0, 3}, last.x());
    assertArrayEquals(new double[] {0.5, 0.7}, last.y());
  }

  @Test
  void aMetricTheRunDoesNotReportFailsNamingTheReportedOnes() {
    LiveChart live = new LiveChart(10, List.of("logZ"), () -> Optional.of(new Recorder()));
    live.start("t", 10);
    var e = assertThrows(IllegalArgumentException.class, () -> live.step(0, metrics(0.5, 1)));
    assertEquals("LiveChart metric 'logZ' is not reported; reported: massOfB, essFraction (track(...) a column to "
        + "report it)", e.getMessage());
  }

  @Test
  void badSettingsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> LiveChart.every(0, "massOfB"));
    assertEquals("every must be at least 1, got 0", e.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> LiveChart.every(5).size(0, 10));
    assertEquals("size must be positive, got 0 x 10", s.getMessage());
  }

  @Test
  void inATrainingRunTheChartFollowsTheTrackedColumn() {
    Recorder r = new Recorder();
    LiveChart live = new LiveChart(5, List.of("massOfB"), () -> Optional.of(r));
    Run<TwoWells> run = Ebm.train(Energies.twoWells(-3, 3))
        .on(Energies.twoWells(-3, 3).withMassOfB(0.7).sample(200, 1))
        .method(Methods.jarzynski(Kernels.mala(0.1)).walkers(100)).steps(12).seed(2)
        .track("massOfB", TwoWells::massOfB).progress(live).run();
    Event last = r.events.get(r.events.size() - 1);
    assertEquals(13, last.x().length);
    double[] tracked = ((tech.tablesaw.api.DoubleColumn) run.history().column("massOfB")).asDoubleArray();
    assertArrayEquals(tracked, last.y(), 0.0);
    // shown at 0, replaced at 5, 10 and the last step 12
    assertEquals(List.of("show", "update", "update", "update"), r.events.stream().map(Event::kind).toList());
    assertEquals(1, live.charts().size());
  }

  @Test
  void outsideAKernelNothingIsShownAndNoChartIsKept() {
    LiveChart live = new LiveChart(1, List.of("massOfB"), Optional::empty);
    live.start("t", 2);
    live.step(0, metrics(0.5, 1));
    live.close();
    assertEquals(List.of(), live.charts());
    assertTrue(DisplaySinks.current().isEmpty(), "tests run outside a kernel");
  }

  @Test
  void severalValuesInOneCellEachGetTheirOwnOutput() {
    Recorder r = new Recorder();
    XYChart a = new org.knowm.xchart.XYChartBuilder().title("a").build();
    a.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
    XYChart b = new org.knowm.xchart.XYChartBuilder().title("b").build();
    b.addSeries("s", new double[] {0, 1}, new double[] {3, 4});
    assertEquals(List.of("d0", "d1", "d2"), Notebook.display(Optional.of(r), a, b, "text"));
    assertEquals(List.of("a", "b", "text"), r.events.stream().map(Event::title).toList());
    Notebook.update(Optional.of(r), "d1", a);
    assertEquals("d1", r.events.get(3).id());
    assertEquals("a", r.events.get(3).title());
    assertEquals(List.of(), Notebook.display(Optional.empty(), a, b));
    assertEquals(List.of(), Notebook.display(a, b));
  }
}
