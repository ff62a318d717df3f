package io.ebm4j.show.notebook;

/**
 * Where notebook outputs go: a new output in the running cell, and the in-place replacement of an output by its
 * display id. The kernels' implementations are found by {@link DisplaySinks#current()}; tests use a recording one.
 */
interface DisplaySink {
  /** Shows value as a new output of the current cell; returns its display id. */
  String show(Object value);

  /** Replaces the output with this display id by value. */
  void update(String displayId, Object value);
}
