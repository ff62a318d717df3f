package io.ebm4j.experiment;

/**
 * A paper reproduction: a configuration record in, a {@link Result} out. The CLI ({@code reproduce <name>}), the
 * notebooks and the tests all call {@link #run}, so they share one code path.
 *
 * <pre>{@code
 * var study = new TwoWellsStudy();
 * Result r = study.run(study.defaults().withSeeds(List.of(0, 1)));
 * r.summary();                    // Tablesaw table, one row per method, q0 and seed
 * r.figures().get("mass-of-b-q0.2");
 * }</pre>
 *
 * @param <C> the configuration record
 */
public interface Experiment<C extends Record> {
  /** The name used on the command line, e.g. "two-wells". */
  String name();

  /** One line saying what it reproduces. */
  String description();

  /** The default configuration (finishes in about a minute on 2 cores). */
  C defaults();

  /** The configuration's record class, for binding {@code --set key=value}. */
  Class<C> configType();

  /** Runs the experiment. */
  Result run(C config);
}
