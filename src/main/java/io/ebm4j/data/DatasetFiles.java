package io.ebm4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the data files are. Small shipped files: the folder named by the system property {@value #PROPERTY} when
 * set, else the first {@code datasets/} folder holding the file walking up from the working directory, else the copy
 * packaged in the jar. Large files extracted by {@code .ci/datasets}: {@code <property>/<set>},
 * {@code $EBM4J_DATASETS_DIR/<set>}, {@code target/datasets/<set>} walking up from the working directory, then
 * {@code ~/.cache/ebm4j/datasets/<set>}.
 */
final class DatasetFiles {
  static final String PROPERTY = "ebm4j.datasets";
  static final String ENV = "EBM4J_DATASETS_DIR";
  static final String SCRIPT = "bash .ci/datasets";
  private static final String RESOURCES = "/io/ebm4j/data/";

  private DatasetFiles() {}

  /** An open stream and a description of where it comes from, for messages. */
  record Opened(String where, InputStream in) {}

  /** Opens a small shipped file (e.g. "iris.csv"). */
  static Opened openSmall(String fileName) {
    String dir = System.getProperty(PROPERTY);
    if (dir != null && !dir.isBlank()) {
      Path p = Path.of(dir).resolve(fileName);
      if (!Files.isRegularFile(p)) {
        throw new DatasetException("system property " + PROPERTY + "=" + dir + " names a folder without " + fileName
            + " (expected " + p + ")");
      }
      return open(p);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("datasets").resolve(fileName);
      if (Files.isRegularFile(p)) {
        return open(p);
      }
    }
    InputStream in = DatasetFiles.class.getResourceAsStream(RESOURCES + fileName);
    if (in == null) {
      throw new DatasetException(fileName + " not found: no datasets/ folder holding it above "
          + Path.of("").toAbsolutePath() + " and no classpath resource " + RESOURCES + fileName
          + " (set -D" + PROPERTY + "=<folder> to point at a copy)");
    }
    return new Opened("classpath:" + RESOURCES + fileName, in);
  }

  private static Opened open(Path p) {
    try {
      return new Opened(p.toString(), Files.newInputStream(p));
    } catch (IOException e) {
      throw new DatasetException("cannot read " + p + ": " + e, e);
    }
  }

  /** The folders that may hold the large set {@code set} (e.g. "mnist"), in search order. */
  static List<Path> largeCandidates(String set) {
    List<Path> dirs = new ArrayList<>();
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      dirs.add(Path.of(prop).resolve(set));
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      dirs.add(Path.of(env).resolve(set));
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      dirs.add(d.resolve("target").resolve("datasets").resolve(set));
    }
    dirs.add(Path.of(System.getProperty("user.home"), ".cache", "ebm4j", "datasets", set));
    return dirs;
  }

  /** The first of {@code name} or {@code name.gz} in the candidate folders; a message naming the script if none. */
  static Path findLarge(List<Path> candidates, String name, String what, String provenance) {
    for (Path d : candidates) {
      for (String f : new String[] {name, name + ".gz"}) {
        Path p = d.resolve(f);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    throw new DatasetException(what + " not found: no " + name + " or " + name + ".gz in " + candidates
        + ". Run `" + SCRIPT + "` in the ebm4j checkout (it extracts " + provenance
        + " into target/datasets/), or set -D" + PROPERTY + "=<folder> or " + ENV + "=<folder> to a folder holding "
        + "the files in a subfolder");
  }
}
