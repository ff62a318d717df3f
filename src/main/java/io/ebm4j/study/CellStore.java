package io.ebm4j.study;

import io.ebm4j.show.Figures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * Finished cells of a resumable sweep: {@code STATE/cells/KEY.cell}, the cell's settings and outcome, written
 * atomically when the cell ends. A cell file whose settings differ from the task's (another sweep in the same
 * folder) is ignored and the cell runs again; a damaged one fails naming the file.
 */
final class CellStore {
  private CellStore() {}

  private static Path file(Runner.Task t) {
    return Path.of(t.stateDir(), "cells", t.key().replace('/', '_') + ".cell");
  }

  static void save(Runner.Task t, Outcome o) {
    if (t.stateDir() == null) {
      return;
    }
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(b)) {
        out.writeObject(new LinkedHashMap<>(t.config()));
        out.writeObject(o);
      }
      Figures.writeAtomically(file(t), b.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file(t) + ": " + e.getMessage(), e);
    }
  }

  /** The finished outcome of the task, or null when it has not finished (or finished with other settings). */
  static Outcome load(Runner.Task t) {
    if (t.stateDir() == null || !Files.exists(file(t))) {
      return null;
    }
    Path f = file(t);
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(f)))) {
      Object config = in.readObject();
      if (!t.config().equals(config)) {
        return null;
      }
      Outcome stored = (Outcome) in.readObject();
      return stored.at(t.index());
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalStateException(f + ": a finished-cell file that cannot be read (" + e + "); delete it to run"
          + " the cell again", e);
    }
  }
}
