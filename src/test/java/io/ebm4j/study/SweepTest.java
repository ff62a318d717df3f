package io.ebm4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.experiment.Gmm50dConfig;
import io.ebm4j.experiment.TwoWellsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Settings and sweeps: one parser for the CLI, notebooks and JShell; every path and every error message. */
class SweepTest {
  private static final TwoWellsConfig D = TwoWellsConfig.defaults();

  private static void fails(Executable e, String... fragments) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String f : fragments) {
      assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void withParsesTextAndConvertsNumbersByTheSettingsType() {
    TwoWellsConfig c = D.with("walkers", 2000).with("stepSize", "0.05").with("learningRate", 1).with("resampling",
        "multinomial");
    assertEquals(2000, c.walkers());
    assertEquals(0.05, c.stepSize());
    assertEquals(1.0, c.learningRate());
    assertEquals("multinomial", c.resampling());
    assertEquals(List.of(0.5), D.with("initialMasses", List.of(0.5)).initialMasses());
    assertEquals(List.of(0.3, 0.6), D.with("initialMasses", "0.3, 0.6").initialMasses());
    assertEquals(10, D.with(Map.of("steps", 10, "logEvery", "5")).steps());
  }

  @Test
  void settingsRoundTripThroughTheirText() {
    assertEquals(D, Configs.with(TwoWellsConfig.defaults(), D.settings()));
    Gmm50dConfig g = Gmm50dConfig.defaults();
    assertEquals(g, Configs.with(g, g.settings()));
    assertEquals("0.5,0.2", D.settings().get("initialMasses"));
  }

  @Test
  void unknownKeysAndBadValuesAreNamed() {
    fails(() -> D.with("walker", 10), "unknown setting 'walker'", "walkers", "stepSize");
    fails(() -> D.with("walkers", "many"), "walkers", "many", "an integer");
    fails(() -> D.with("walkers", 2.5), "walkers", "2.5");
    fails(() -> D.with("stepSize", -1), "stepSize", "-1.0");
    fails(() -> D.with("methods", "pcd,magic"), "magic");
    fails(() -> D.with("initialMasses", "0.5,x"), "initialMasses", "'x'", "numbers");
    fails(() -> Sweep.parse(D, List.of("walkers")), "key=value", "walkers");
    fails(() -> Sweep.of(D).set("walkers", " "), "walkers");
    fails(() -> Sweep.of(D).set("walkers", "1000,-5"), "walkers", "-5");
    fails(() -> Sweep.of(D).set("seeds", "0..x"), "seeds");
    fails(() -> Sweep.of(D).set("seeds", "5..1"), "seeds", "5..1");
    fails(() -> Sweep.of(D).set("steps", "10..1:0"), "steps", "10..1:0");
    fails(() -> Sweep.of(D).seeds(List.of()), "seeds");
  }

  @Test
  void seedsTakeListsAndRanges() {
    assertEquals(List.of(0, 1, 2, 3, 4), Sweep.of(D).set("seeds", "0..4").seeds());
    assertEquals(List.of(0, 5, 10, 42), Sweep.of(D).set("seeds", "0..10:5,42").seeds());
    assertEquals(List.of(0), Sweep.of(D).seeds());
  }

  @Test
  void aCommaListOnAScalarSettingIsASweepAndOneValueIsASetting() {
    Sweep<TwoWellsConfig> s = Sweep.parse(D, List.of("walkers=2000,10000", "steps=100", "stepSize=0.05,0.1",
        "seeds=0..2"));
    assertEquals(Map.of("walkers", List.of("2000", "10000"), "stepSize", List.of("0.05", "0.1")), s.axes());
    List<TwoWellsConfig> grid = s.settings();
    assertEquals(4, grid.size());
    assertEquals(2000, grid.get(0).walkers());
    assertEquals(0.05, grid.get(0).stepSize());
    assertEquals(0.1, grid.get(1).stepSize());
    assertEquals(10000, grid.get(3).walkers());
    grid.forEach(c -> assertEquals(100, c.steps()));
    assertEquals(Map.of("walkers", "2000", "stepSize", "0.05"), s.combinations().get(0));
    assertEquals("2000,10000", s.describe().get("walkers"));
    assertEquals("0,1,2", s.describe().get("seeds"));
  }

  @Test
  void integerRangesSweepAndListSettingsSweepWithSemicolons() {
    assertEquals(List.of(1000, 2000, 3000), Sweep.of(D).set("walkers", "1000..3000:1000").settings().stream()
        .map(TwoWellsConfig::walkers).toList());
    Sweep<TwoWellsConfig> s = Sweep.of(D).set("initialMasses", "0.5,0.2;0.3");
    assertEquals(List.of(List.of(0.5, 0.2), List.of(0.3)), s.settings().stream().map(TwoWellsConfig::initialMasses)
        .toList());
    assertEquals(List.of(0.4), Sweep.of(D).set("initialMasses", "0.4").base().initialMasses());
  }

  @Test
  void overSweepsWithTypedValues() {
    Sweep<TwoWellsConfig> s = Sweep.of(D).over("walkers", 500, 1000);
    assertEquals(List.of(500, 1000), s.settings().stream().map(TwoWellsConfig::walkers).toList());
    assertEquals(List.of(D.with("walkers", 700)), Sweep.of(D).over("walkers", 700).settings());
  }

  @Test
  void streamSeedsAreIndependentOfEachOtherAndStable() {
    long a = Seeds.stream("two-wells", "data", 0);
    assertEquals(a, Seeds.stream("two-wells", "data", 0));
    assertTrue(a != Seeds.stream("two-wells", "data", 1));
    assertTrue(a != Seeds.stream("two-wells", "init", 0));
    assertTrue(a != Seeds.stream("gmm-50d", "data", 0));
  }
}
