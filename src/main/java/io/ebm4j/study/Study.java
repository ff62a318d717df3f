package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.show.Figure;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A study says only its science: its settings, its data for a seed, its arms, its metrics and its figures. The
 * shared {@link Runner} does the rest: the grid of settings x arms x seeds, the random streams ({@link Seeds}),
 * progress, histories, the summary and its aggregate over seeds, the report and the output files, on local threads
 * or on Spark.
 *
 * <pre>{@code
 * var study = new TwoWellsStudy();
 * Result r = study.run(Sweep.of(study.defaults()).seeds(0, 1, 2));
 * r.summary();                 // one row per (setting, arm, seed)
 * r.aggregate();               // mean, sd, min, max over seeds per (setting, arm)
 * r.figure("mass-of-b-q0-0.2");
 * }</pre>
 *
 * @param <C> the configuration record
 * @param <E> the energy type the arms train
 */
public interface Study<C extends Record & Config<C>, E extends Energy> {
  /** The name used on the command line, e.g. "two-wells". */
  String name();

  /** One line saying what it reproduces. */
  String description();

  /** The default configuration (finishes in about a minute on 2 cores). */
  C defaults();

  /** The training data of a configuration and seed (shared by the arms of that seed). */
  INDArray data(C config, int seed);

  /** The arms, in the order of the summary. */
  List<Arm<C, E>> arms(C config);

  /** The summary's columns, one number per cell, in order. */
  Map<String, Metric<C, E>> metrics(C config);

  /** Figures drawn from the finished cells of one configuration (aggregated over seeds where it makes sense). */
  default Map<String, Function<Runs<C, E>, Figure>> figures(C config) {
    return Map.of();
  }

  /**
   * Settings that make a run of every arm take seconds (few steps, few walkers): what smoke and determinism tests
   * run, and a quick look from the command line ({@code --set} them). Every study declares some.
   */
  Map<String, String> quickSettings();

  /** The report's opening: what was run and what to look for (markdown). */
  default String report(C config) {
    return "";
  }

  /** Runs the study over a sweep on local threads, silently. */
  default Result run(Sweep<C> sweep) {
    return Runner.of(this).run(sweep);
  }

  /** Runs one configuration with seed 0. */
  default Result run(C config) {
    return run(Sweep.of(config));
  }
}
