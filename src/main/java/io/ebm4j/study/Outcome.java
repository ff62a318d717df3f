package io.ebm4j.study;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Chains;
import io.ebm4j.train.Run;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * What a cell sends back to the driver: its metrics, its history, the trained parameters and the final walkers,
 * as plain arrays so that it crosses a Spark shuffle; on a local engine it also carries the live run. The driver
 * rebuilds a run from it with {@link #run}: a new model of the arm with the trained parameters (a model that is not
 * a {@link TrainableEnergy} travels by Java serialization), and walkers whose caches are refreshed under it.
 */
final class Outcome implements Serializable {
  private static final long serialVersionUID = 1L;
  int index;
  final LinkedHashMap<String, Double> metrics;
  final String historyName;
  final int[] steps;
  final String[] columns;
  final double[][] values;
  final double[] params;
  final byte[] serializedModel;
  final double[] walkers;
  final double[] logWeights;
  final int dim;
  final boolean gradients;
  final double seconds;
  final LinkedHashMap<String, String> provenance;
  transient Run<?> live;

  Outcome(int index, Map<String, Double> metrics, Run<?> run) {
    this.index = index;
    this.metrics = new LinkedHashMap<>(metrics);
    Table h = run.history();
    this.historyName = h.name();
    this.steps = h.intColumn("step").asIntArray();
    List<String> names = h.columnNames().stream().filter(c -> !c.equals("step")).toList();
    this.columns = names.toArray(new String[0]);
    this.values = new double[columns.length][];
    for (int j = 0; j < columns.length; j++) {
      values[j] = ((NumericColumn<?>) h.column(columns[j])).asDoubleArray();
    }
    if (run.model() instanceof TrainableEnergy te) {
      INDArray p = te.params();
      this.params = Batches.toArray(p.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? p
          : p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
      this.serializedModel = null;
    } else {
      this.params = null;
      this.serializedModel = run.model() instanceof Serializable s ? serialize(s) : null;
    }
    Chains c = run.walkers();
    this.walkers = c == null ? null : Batches.toArray(c.positions());
    this.logWeights = c == null ? null : Batches.toArray(c.logWeights());
    this.dim = c == null ? 0 : c.dim();
    this.gradients = c != null && c.hasGradients();
    this.seconds = run.seconds();
    this.provenance = new LinkedHashMap<>(run.provenance());
    this.live = run;
  }

  private static byte[] serialize(Serializable s) {
    try {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(b)) {
        o.writeObject(s);
      }
      return b.toByteArray();
    } catch (java.io.IOException e) {
      return null; // a model with non-serializable parts: run() explains
    }
  }

  private static Object deserialize(byte[] bytes) {
    try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return i.readObject();
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read back a model that ran remotely: " + e.getMessage(), e);
    }
  }

  /** This outcome as the cell of another index (a finished cell read back from disk). */
  Outcome at(int i) {
    this.index = i;
    return this;
  }

  /** The history table. */
  Table history() {
    Table t = Table.create(historyName);
    t.addColumns(IntColumn.create("step", steps));
    for (int j = 0; j < columns.length; j++) {
      t.addColumns(DoubleColumn.create(columns[j], values[j]));
    }
    return t;
  }

  /** The live run, or one rebuilt on the start model of the arm. */
  @SuppressWarnings("unchecked")
  <E extends Energy> Run<E> run(java.util.function.Supplier<E> newModel, String arm) {
    if (live != null) {
      return (Run<E>) live;
    }
    E start;
    if (params != null) {
      start = newModel.get();
      ((TrainableEnergy) start).setParams(Nd4j.createFromArray(params));
    } else if (serializedModel != null) {
      start = (E) deserialize(serializedModel);
    } else {
      throw new IllegalStateException("arm '" + arm + "' ran remotely and its model is neither a TrainableEnergy nor"
          + " Serializable, so it cannot come back to the driver: run this study on a local engine");
    }
    Chains c = null;
    if (walkers != null) {
      c = Chains.of(Nd4j.createFromArray(walkers).reshape(walkers.length / dim, dim), dim, gradients);
      c.refresh(start);
      c.logWeights().assign(Nd4j.createFromArray(logWeights));
    }
    Run<E> r = new Run<>(history(), start, c, seconds, provenance);
    live = r;
    return r;
  }
}
