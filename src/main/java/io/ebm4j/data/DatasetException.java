package io.ebm4j.data;

/**
 * Thrown when a data file is missing, unreadable or not in the expected format; the message names the file, what
 * was expected and, for files too large to ship, the command that provides them.
 */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
