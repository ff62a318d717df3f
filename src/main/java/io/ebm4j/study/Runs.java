package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tech.tablesaw.api.Table;

/**
 * The finished cells of one configuration of a study (all arms, all seeds), what its figures are drawn from.
 *
 * <pre>{@code
 * runs.arm("jarzynski");                          // that arm's trials, one per seed
 * runs.first("pcd", t -> t.arm().tags().get("q0").equals(0.5)).run().model();
 * runs.histories(t -> t.arm().label().equals("pcd"));   // one history per seed, for a mean and a band
 * }</pre>
 *
 * @param config the configuration
 * @param seeds the seeds, in order
 * @param trials every finished cell, in grid order
 * @param <C> the configuration type
 * @param <E> the energy type
 */
public record Runs<C extends Record & Config<C>, E extends Energy>(C config, List<Integer> seeds,
    List<Trial<C, E>> trials) {
  public Runs {
    seeds = List.copyOf(seeds);
    trials = List.copyOf(trials);
  }

  /** The first seed (the one single-seed figures show). */
  public int firstSeed() {
    return seeds.get(0);
  }

  /** The labels of the arms, in order. */
  public Set<String> arms() {
    Set<String> s = new LinkedHashSet<>();
    trials.forEach(t -> s.add(t.arm().label()));
    return s;
  }

  /** The trials of the arm with this label (one per seed and tag combination). */
  public List<Trial<C, E>> arm(String label) {
    return where(t -> t.arm().label().equals(label));
  }

  /** The trials matching a condition. */
  public List<Trial<C, E>> where(Predicate<Trial<C, E>> p) {
    List<Trial<C, E>> out = new ArrayList<>();
    for (Trial<C, E> t : trials) {
      if (p.test(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The trial of this arm at the first seed that matches the condition, if any. */
  public Optional<Trial<C, E>> first(String label, Predicate<Trial<C, E>> p) {
    return trials.stream().filter(t -> t.arm().label().equals(label) && t.cell().seed() == firstSeed())
        .filter(p).findFirst();
  }

  /** The trial of this arm at the first seed, if any. */
  public Optional<Trial<C, E>> first(String label) {
    return first(label, t -> true);
  }

  /** The trials grouped by arm (label and tags, keyed by {@link Arm#key()}), in grid order, each with every seed. */
  public Map<String, List<Trial<C, E>>> byArm() {
    Map<String, List<Trial<C, E>>> out = new LinkedHashMap<>();
    for (Trial<C, E> t : trials) {
      out.computeIfAbsent(t.arm().key(), k -> new ArrayList<>()).add(t);
    }
    return out;
  }

  /** The history tables of the trials matching a condition, in grid order (one per seed for one arm). */
  public List<Table> histories(Predicate<Trial<C, E>> p) {
    List<Table> out = new ArrayList<>();
    for (Trial<C, E> t : where(p)) {
      out.add(t.run().history());
    }
    return out;
  }
}
