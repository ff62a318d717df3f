package io.ebm4j.study;

/** A cell of a study failed: names the study and the cell (arm, tags, seed, swept settings), with the cause. */
public final class StudyCellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StudyCellException(String study, String cell, RuntimeException cause) {
    super(study + ": cell [" + cell + "] failed: " + cause.getMessage(), cause);
  }
}
