package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trainable energy defined by an ND4J SameDiff graph (see {@link GraphEnergy}), differentiated by SameDiff:
 * grad_x U from the gradient of sum_i w_i U(x_i) with respect to the placeholder x at w = 1, and the parameter
 * gradient sum_i w_i dU(x_i)/dtheta from the same sum with respect to the graph's variables. The parameters are
 * the graph's VARIABLE-type variables flattened (row-major) into one vector, in the graph's variable order, named
 * "name" or "name[k]". {@link #params()} is that vector; it is copied into the graph before an evaluation whenever
 * it changed.
 *
 * <p>Each call runs the graph through SameDiff's interpreter, which costs milliseconds: far slower than an energy
 * written with fused loops (as the built-in ones are), and meant for trying out a model. Not safe for concurrent calls
 * from several threads; use {@link #copy()} per thread.
 */
final class SameDiffEnergy implements TrainableEnergy {
  private static final String X = "x";
  private static final String W = "sampleWeights";

  private final int d;
  private final GraphEnergy graph;
  private final SameDiff sd;
  private final String u;
  private final String[] variables;
  private final int[] offset;
  private final INDArray params;
  private final String[] names;
  private final double[] pushed;
  private INDArray ones;
  private boolean energyChecked;
  private boolean gradChecked;

  SameDiffEnergy(int d, GraphEnergy graph) {
    if (d < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + d);
    }
    if (graph == null) {
      throw new IllegalArgumentException("graph must not be null");
    }
    this.d = d;
    this.graph = graph;
    this.sd = SameDiff.create();
    SDVariable x = sd.placeHolder(X, DataType.DOUBLE, -1, d);
    SDVariable w = sd.placeHolder(W, DataType.DOUBLE, -1);
    SDVariable out = graph.build(sd, x);
    if (out == null) {
      throw new IllegalArgumentException("graph must return the energy variable u [N], got null");
    }
    if (out.getSameDiff() != sd) {
      throw new IllegalArgumentException("graph must return a variable of the SameDiff instance it was given, got "
          + out.name() + " of another graph");
    }
    this.u = out.name();
    // the loss w_i u_i is left unreduced (SameDiff differentiates the sum of a loss's elements): in 1.0.0-M2.1 a
    // reduction, or a matrix product, over an axis of length 1 fails in the backward pass when N = 1
    sd.setLossVariables(w.mul(out.castTo(DataType.DOUBLE).reshape(-1)));
    List<String> vars = new ArrayList<>();
    List<String> paramNames = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    int p = 0;
    for (SDVariable v : sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE) {
        INDArray a = v.getArr();
        vars.add(v.name());
        offsets.add(p);
        for (long k = 0; k < a.length(); k++) {
          paramNames.add(a.length() == 1 ? v.name() : v.name() + "[" + k + "]");
        }
        p += (int) a.length();
      }
    }
    if (p == 0) {
      throw new IllegalArgumentException("graph must declare at least one variable (sd.var) to train, got none");
    }
    this.variables = vars.toArray(new String[0]);
    this.offset = offsets.stream().mapToInt(Integer::intValue).toArray();
    this.names = paramNames.toArray(new String[0]);
    this.params = Batches.zeros(p);
    for (int k = 0; k < variables.length; k++) {
      INDArray a = sd.getVariable(variables[k]).getArr();
      slice(k, a.length()).assign(a.reshape(a.length()).castTo(DataType.DOUBLE));
    }
    this.pushed = Batches.toArray(params);
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    return names.clone();
  }

  @Override
  public void evaluate(INDArray x, INDArray energies, INDArray g) {
    sync();
    Map<String, INDArray> in = Map.of(X, x, W, ones(x.rows()));
    if (g == null) {
      energies.assign(Results.energies(sd.output(in, u).get(u), x, "graph energy", !energyChecked));
    } else {
      OutAndGrad r = sd.calculateGradientsAndOutputs(in, List.of(u), List.of(X));
      energies.assign(Results.energies(r.getOutputs().get(u), x, "graph energy", !energyChecked));
      g.assign(Results.matrix(r.getGradients().get(X), x, d, "graph gradient", !gradChecked));
      gradChecked = true;
    }
    energyChecked = true;
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    sync();
    INDArray weights = w == null ? ones(x.rows()) : w.castTo(DataType.DOUBLE).reshape(x.rows());
    Map<String, INDArray> grads = sd.calculateGradients(Map.of(X, x, W, weights), variables);
    INDArray flat = out.reshape(out.length());
    for (int k = 0; k < variables.length; k++) {
      INDArray gk = grads.get(variables[k]);
      if (gk == null) {
        continue; // U does not depend on this variable
      }
      long len = gk.length();
      flat.get(NDArrayIndex.interval(offset[k], offset[k] + len))
          .addi(gk.reshape(len).castTo(out.dataType()).mul(scale));
    }
  }

  @Override
  public SameDiffEnergy copy() {
    SameDiffEnergy c = new SameDiffEnergy(d, graph);
    if (c.params.length() != params.length()) {
      throw new IllegalStateException("graph built a different number of parameters on copy: " + params.length()
          + " then " + c.params.length());
    }
    c.params.assign(params);
    return c;
  }

  /** Copies the parameter vector into the graph's variables when it changed since the last copy. */
  private void sync() {
    DoubleBuffer b = Batches.buffer(params);
    boolean changed = false;
    for (int j = 0; j < pushed.length && !changed; j++) {
      changed = b.get(j) != pushed[j];
    }
    if (!changed) {
      return;
    }
    for (int k = 0; k < variables.length; k++) {
      INDArray a = sd.getVariable(variables[k]).getArr();
      a.assign(slice(k, a.length()).reshape(a.shape()).castTo(a.dataType()));
    }
    b.get(0, pushed);
  }

  private INDArray slice(int k, long len) {
    return params.get(NDArrayIndex.interval(offset[k], offset[k] + len));
  }

  private INDArray ones(long n) {
    if (ones == null || ones.length() != n) {
      ones = Nd4j.ones(DataType.DOUBLE, n);
    }
    return ones;
  }

  @Override
  public String toString() {
    return "SameDiffEnergy{d=" + d + ", variables=" + String.join(",", variables) + "}";
  }
}
