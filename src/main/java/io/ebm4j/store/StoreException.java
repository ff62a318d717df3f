package io.ebm4j.store;

import java.nio.file.Path;

/**
 * A stored model or run could not be read: the file is damaged, truncated, not an ebm4j archive, of a format version
 * this ebm4j does not read, or holds a model that does not match the template. The message names the file and what
 * is wrong.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  StoreException(Path path, String what) {
    super(path + ": " + what);
    this.path = path;
  }

  StoreException(Path path, String what, Throwable cause) {
    super(path + ": " + what, cause);
    this.path = path;
  }

  /** The file that could not be read. */
  public Path path() {
    return path;
  }
}
