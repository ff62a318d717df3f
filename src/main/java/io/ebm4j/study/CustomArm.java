package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.progress.Progress;
import io.ebm4j.train.Run;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** An arm with its own body (see {@link Arm#custom}). */
record CustomArm<C extends Record & Config<C>, E extends Energy>(String label, Map<String, Object> tags,
    Function<Cell<C>, E> modelFn, Arm.CellBody<C, E> body) implements Arm<C, E> {

  CustomArm {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("arm label must not be blank, got '" + label + "'");
    }
    if (modelFn == null || body == null) {
      throw new IllegalArgumentException("arm '" + label + "' needs a model and a body");
    }
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  @Override
  public Arm<C, E> tag(String key, Object value) {
    Map<String, Object> t = new LinkedHashMap<>(tags);
    t.put(key, value);
    return new CustomArm<>(label, t, modelFn, body);
  }

  @Override
  public E model(Cell<C> cell) {
    return modelFn.apply(cell);
  }

  @Override
  public Run<E> run(Cell<C> cell, String runLabel, Progress progress) {
    return body.run(cell, modelFn.apply(cell), runLabel, progress);
  }
}
