package io.ebm4j.store;

import io.ebm4j.energy.TrainableEnergy;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A trained model on disk, readable by the same ebm4j version and later ones that read its format version.
 *
 * <p>The file (format {@code ebm4j-model}, version 1) is a zip of:
 * <ul>
 *   <li>{@code manifest.properties} (UTF-8 Java properties): {@code format}, {@code formatVersion},
 *       {@code ebm4jVersion}, {@code energyClass}, {@code energy} (its description), {@code dim}, {@code numParams},
 *       {@code paramsDtype} (the model's own precision), {@code dtype=float64}, {@code byteOrder=little-endian},
 *       {@code paramName.<j>} for every parameter, {@code entries} and {@code sha256.<entry>} for every other entry;
 *   <li>{@code params.f64}: the flat parameter vector, P little-endian IEEE 754 doubles.
 * </ul>
 * Loading rebuilds the energy from a template of the same class and shape (which also supplies the settings that
 * are not parameters, such as TwoWells' well positions or an Mlp's activation): class, dim, numParams and every
 * parameter name must match. ebm4j's own energies (TwoWells, Gaussian, GaussianMixture, Mlp, SumEnergy of those)
 * also record those settings ({@code recipe=true} and {@code recipe.*} keys), so {@link #load(Path)} rebuilds them
 * without a template. Writes are atomic: a failed save leaves an existing file as it was.
 *
 * <pre>{@code
 * ModelFile.save(run.model(), Path.of("twowells.ebm4j"));
 * TwoWells m = ModelFile.load(Path.of("twowells.ebm4j"), Energies.twoWells(-10, 10));
 * }</pre>
 */
public final class ModelFile {
  /** The format name in the manifest. */
  public static final String FORMAT = "ebm4j-model";

  private ModelFile() {}

  /** Saves the energy's class, shape and parameters at path (atomically, rw-r--r--); returns the absolute path. */
  public static Path save(TrainableEnergy energy, Path path) {
    return save(energy, path, UnaryOperator.identity());
  }

  static Path save(TrainableEnergy energy, Path path, UnaryOperator<OutputStream> wrap) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    Map<String, String> header = header(FORMAT);
    Map<String, byte[]> content = new LinkedHashMap<>();
    ModelPart.write(energy, header, content);
    return Archive.write(path, header, content, wrap);
  }

  /**
   * A copy of template with the parameters stored at path (a model file, or the model of a run file).
   *
   * @throws StoreException naming the file when it is damaged, of another format or format version, or does not
   *     match the template's class, dim, numParams or parameter names
   */
  public static <E extends TrainableEnergy> E load(Path path, E template) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    return ModelPart.read(Archive.read(path, List.of(FORMAT, RunFile.FORMAT)), template);
  }

  /**
   * The model stored at path, rebuilt without a template: for ebm4j's TwoWells, Gaussian, GaussianMixture, Mlp and
   * SumEnergy of those, whose settings the file records (see the manifest's {@code recipe.} keys). Other energies
   * need {@link #load(Path, TrainableEnergy)}.
   *
   * <pre>{@code
   * TrainableEnergy m = ModelFile.load(Path.of("model.ebm4j"));
   * }</pre>
   *
   * @throws StoreException naming the file when it is damaged, of another format or format version, or holds an
   *     energy without a recipe
   */
  public static TrainableEnergy load(Path path) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    Archive a = Archive.read(path, List.of(FORMAT, RunFile.FORMAT));
    if (!Boolean.parseBoolean(a.get("recipe"))) {
      throw new StoreException(path, "holds a " + a.get("energyClass") + ", which loads only from a template: "
          + "ModelFile.load(path, template)");
    }
    return ModelPart.read(a, Recipes.build(a, Recipes.PREFIX));
  }

  static Map<String, String> header(String format) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("format", format);
    h.put("formatVersion", String.valueOf(Archive.FORMAT_VERSION));
    h.put("ebm4jVersion", Archive.ebm4jVersion());
    return h;
  }
}
