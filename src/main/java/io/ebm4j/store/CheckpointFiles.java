package io.ebm4j.store;

import io.ebm4j.nd.State;
import io.ebm4j.train.Checkpoint;
import io.ebm4j.train.Checkpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Training checkpoints in a directory: {@code checkpoint.ebm4j}, a zip (format {@value #FORMAT}) whose manifest
 * lists the step, wall time, the run's fingerprint and every state entry with its SHA-256; the history as CSV; each
 * state array as raw little-endian float64 ({@code .f64}) or int64 ({@code .i64}), texts as UTF-8. A checkpoint is
 * written to a temporary file and moved over the previous one only once complete, so a crash at any moment
 * leaves the last good checkpoint in place; a truncated, damaged or foreign file fails naming the file and what is
 * wrong, and {@link #save} never replaces a good checkpoint with one it could not finish.
 *
 * <pre>{@code
 * Checkpoints store = CheckpointFiles.in(Path.of("out/ckpt"));
 * Ebm.train(model)...checkpoints(store).checkpointEvery(500).resumeFrom(store).run();
 * }</pre>
 */
public final class CheckpointFiles implements Checkpoints {
  /** The format name in the manifest. */
  public static final String FORMAT = "ebm4j-checkpoint";
  /** The file name inside the directory. */
  public static final String FILE = "checkpoint.ebm4j";
  private final Path dir;

  private CheckpointFiles(Path dir) {
    this.dir = dir;
  }

  /** Checkpoints kept in dir (created on the first save). */
  public static CheckpointFiles in(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("checkpoint directory must not be null");
    }
    return new CheckpointFiles(dir);
  }

  /** The checkpoint file. */
  public Path file() {
    return dir.resolve(FILE);
  }

  @Override
  public void save(Checkpoint c) {
    Map<String, String> header = ModelFile.header(FORMAT);
    header.put("checkpointVersion", String.valueOf(c.formatVersion()));
    header.put("step", String.valueOf(c.step()));
    header.put("seconds", Double.toString(c.seconds()));
    c.fingerprint().forEach((k, v) -> header.put("fingerprint." + k, v));
    Table h = c.history();
    header.put("history.name", h.name() == null ? "" : h.name());
    header.put("history.types", HistoryCsv.types(h));
    Map<String, byte[]> content = new LinkedHashMap<>();
    content.put("history.csv", HistoryCsv.write(h));
    for (Map.Entry<String, Object> en : c.state().entries().entrySet()) {
      Object v = en.getValue();
      if (v instanceof double[] d) {
        content.put("state/" + en.getKey() + ".f64", Doubles.bytes(java.nio.DoubleBuffer.wrap(d), d.length));
      } else if (v instanceof long[] l) {
        ByteBuffer b = ByteBuffer.allocate(8 * l.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : l) {
          b.putLong(x);
        }
        content.put("state/" + en.getKey() + ".i64", b.array());
      } else {
        content.put("state/" + en.getKey() + ".txt", ((String) v).getBytes(StandardCharsets.UTF_8));
      }
    }
    Archive.write(file(), header, content, s -> s);
  }

  @Override
  public Optional<Checkpoint> latest() {
    Path f = file();
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    Archive a = Archive.read(f, List.of(FORMAT));
    int version = a.getInt("checkpointVersion");
    if (version != Checkpoint.FORMAT_VERSION) {
      throw new StoreException(f, "checkpoint format version " + version + " is not supported; this ebm4j reads "
          + Checkpoint.FORMAT_VERSION);
    }
    Map<String, String> fingerprint = new LinkedHashMap<>();
    a.manifest().forEach((k, v) -> {
      if (k.startsWith("fingerprint.")) {
        fingerprint.put(k.substring("fingerprint.".length()), v);
      }
    });
    State state = new State();
    for (String name : a.get("entries").split(",")) {
      if (!name.startsWith("state/")) {
        continue;
      }
      byte[] b = a.entry(name);
      String key = name.substring("state/".length(), name.lastIndexOf('.'));
      if (name.endsWith(".f64")) {
        state.putEntry(key, Doubles.values(b));
      } else if (name.endsWith(".i64")) {
        long[] l = new long[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(l);
        state.putEntry(key, l);
      } else {
        state.putEntry(key, new String(b, StandardCharsets.UTF_8));
      }
    }
    Table history = HistoryCsv.read(a.entry("history.csv"), a.get("history.name"), a.get("history.types"));
    return Optional.of(new Checkpoint(version, a.getInt("step"), a.getDouble("seconds"), state, history,
        fingerprint));
  }

  /** Deletes the checkpoint (after a run finished, for example). */
  public void clear() {
    try {
      Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + file() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "CheckpointFiles[" + dir + "]";
  }
}
