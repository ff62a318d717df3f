package io.ebm4j.store;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.sample.Chains;
import io.ebm4j.train.Run;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.Table;

/**
 * A training run on disk: its model, history, settings, wall time and final walkers, read back bit for bit.
 *
 * <p>The file (format {@code ebm4j-run}, version 1) is a zip holding everything of a {@link ModelFile} (manifest
 * and {@code params.f64}) plus:
 * <ul>
 *   <li>{@code history.csv}: the history table (RFC 4180, header row, doubles in shortest round-trip form); the
 *       manifest gives its name ({@code history.name}) and column types ({@code history.types});
 *   <li>{@code provenance.properties}: the settings the run used, in order; the manifest holds {@code seconds};
 *   <li>when the run kept walkers ({@code walkers=true}, {@code walkers.n}, {@code walkers.dim},
 *       {@code walkers.gradients}): {@code walkers/positions.f64} [N, d], {@code walkers/energies.f64} [N],
 *       {@code walkers/gradients.f64} [N, d] when cached, {@code walkers/logWeights.f64} [N], row-major
 *       little-endian doubles.
 * </ul>
 *
 * <pre>{@code
 * RunFile.save(run, Path.of("run.ebm4j"));
 * Run<TwoWells> again = RunFile.load(Path.of("run.ebm4j"), Energies.twoWells(-10, 10));
 * again.history();  again.model();  again.walkers();
 * }</pre>
 */
public final class RunFile {
  /** The format name in the manifest. */
  public static final String FORMAT = "ebm4j-run";
  static final String HISTORY = "history.csv";
  static final String PROVENANCE = "provenance.properties";

  private RunFile() {}

  /** Saves the run at path (atomically, rw-r--r--); returns the absolute path. */
  public static Path save(Run<?> run, Path path) {
    return save(run, path, UnaryOperator.identity());
  }

  static Path save(Run<?> run, Path path, UnaryOperator<OutputStream> wrap) {
    if (run == null) {
      throw new IllegalArgumentException("run must not be null");
    }
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    if (!(run.model() instanceof io.ebm4j.energy.TrainableEnergy model)) {
      throw new IllegalArgumentException("a run file stores a trainable model's parameters; this run's model is a "
          + run.model().getClass().getName());
    }
    Map<String, String> header = ModelFile.header(FORMAT);
    Map<String, byte[]> content = new LinkedHashMap<>();
    ModelPart.write(model, header, content);
    Table h = run.history();
    header.put("history.name", h.name() == null ? "" : h.name());
    header.put("history.types", HistoryCsv.types(h));
    header.put("seconds", Double.toString(run.seconds()));
    content.put(HISTORY, HistoryCsv.write(h));
    content.put(PROVENANCE, Props.write(run.provenance() == null ? Map.of() : run.provenance()));
    WalkersPart.write(run.walkers(), header, content);
    return Archive.write(path, header, content, wrap);
  }

  /**
   * The run stored at path, its model a copy of template with the stored parameters.
   *
   * @throws StoreException naming the file when it is damaged, not a run file, of another format version, or its
   *     model does not match the template
   */
  public static <E extends TrainableEnergy> Run<E> load(Path path, E template) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    Archive a = Archive.read(path, List.of(FORMAT));
    E model = ModelPart.read(a, template);
    Table history;
    try {
      history = HistoryCsv.read(a.entry(HISTORY), a.get("history.name"), a.get("history.types"));
    } catch (IllegalArgumentException e) {
      throw new StoreException(path, HISTORY + " is damaged: " + e.getMessage(), e);
    }
    Map<String, String> provenance;
    try {
      provenance = new LinkedHashMap<>(Props.read(a.entry(PROVENANCE)));
    } catch (IllegalArgumentException e) {
      throw new StoreException(path, PROVENANCE + " is damaged: " + e.getMessage(), e);
    }
    Chains walkers = WalkersPart.read(a);
    return new Run<>(history, model, walkers, a.getDouble("seconds"), provenance);
  }
}
