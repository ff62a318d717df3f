package io.ebm4j.experiment;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parametric concept energies of the composition study, in fused loops over the batch:
 *
 * <pre>
 *   half-plane:  E(x) = softplus(w . x + b)                 theta = (w_1, w_2, b)    (low where w . x + b < 0)
 *   ring:        E(x) = (rho(x) - r)^2 / (2 sigma^2)        theta = (r, log sigma),  rho = sqrt(|x|^2 + 1e-4)
 * </pre>
 *
 * Both start flat-ish (w = 0, b = 0; r = 1, sigma = 1) and learn their concept's boundary by maximum likelihood.
 */
final class CompositionConcepts {
  private CompositionConcepts() {}

  private static final double SMOOTH = 1e-4;

  static TrainableEnergy halfPlane() {
    return new HalfPlane(new double[] {0, 0, 0});
  }

  static TrainableEnergy ring() {
    return new Ring(new double[] {1, 0});
  }

  private static final class HalfPlane implements TrainableEnergy {
    private final INDArray params;

    HalfPlane(double[] p) {
      this.params = Batches.vector(p);
    }

    @Override
    public int dim() {
      return 2;
    }

    @Override
    public INDArray params() {
      return params;
    }

    @Override
    public String[] paramNames() {
      return new String[] {"w1", "w2", "b"};
    }

    @Override
    public TrainableEnergy copy() {
      return new HalfPlane(Batches.toArray(params));
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      double[] p = Batches.toArray(params);
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer gb = g == null ? null : Batches.buffer(g);
      int n = (int) x.rows();
      for (int i = 0; i < n; i++) {
        double s = p[0] * xb.get(2 * i) + p[1] * xb.get(2 * i + 1) + p[2];
        ub.put(i, Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))));
        if (gb != null) {
          double sig = sigmoid(s);
          gb.put(2 * i, sig * p[0]);
          gb.put(2 * i + 1, sig * p[1]);
        }
      }
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      double[] p = Batches.toArray(params);
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer wb = w == null ? null : Batches.buffer(w);
      int n = (int) x.rows();
      double[] acc = new double[3];
      for (int i = 0; i < n; i++) {
        double x1 = xb.get(2 * i);
        double x2 = xb.get(2 * i + 1);
        double sig = sigmoid(p[0] * x1 + p[1] * x2 + p[2]) * (wb == null ? 1 : wb.get(i));
        acc[0] += sig * x1;
        acc[1] += sig * x2;
        acc[2] += sig;
      }
      add(out, acc, scale);
    }

    @Override
    public String toString() {
      return "HalfPlane" + java.util.Arrays.toString(Batches.toArray(params));
    }
  }

  private static final class Ring implements TrainableEnergy {
    private final INDArray params;

    Ring(double[] p) {
      this.params = Batches.vector(p);
    }

    @Override
    public int dim() {
      return 2;
    }

    @Override
    public INDArray params() {
      return params;
    }

    @Override
    public String[] paramNames() {
      return new String[] {"r", "logSigma"};
    }

    @Override
    public TrainableEnergy copy() {
      return new Ring(Batches.toArray(params));
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      double r = params.getDouble(0);
      double prec = Math.exp(-2 * params.getDouble(1));
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer gb = g == null ? null : Batches.buffer(g);
      int n = (int) x.rows();
      for (int i = 0; i < n; i++) {
        double x1 = xb.get(2 * i);
        double x2 = xb.get(2 * i + 1);
        double rho = Math.sqrt(x1 * x1 + x2 * x2 + SMOOTH);
        double d = rho - r;
        ub.put(i, 0.5 * d * d * prec);
        if (gb != null) {
          gb.put(2 * i, d * prec * x1 / rho);
          gb.put(2 * i + 1, d * prec * x2 / rho);
        }
      }
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      double r = params.getDouble(0);
      double prec = Math.exp(-2 * params.getDouble(1));
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer wb = w == null ? null : Batches.buffer(w);
      int n = (int) x.rows();
      double[] acc = new double[2];
      for (int i = 0; i < n; i++) {
        double x1 = xb.get(2 * i);
        double x2 = xb.get(2 * i + 1);
        double d = Math.sqrt(x1 * x1 + x2 * x2 + SMOOTH) - r;
        double wi = wb == null ? 1 : wb.get(i);
        acc[0] += -wi * d * prec;
        acc[1] += -wi * d * d * prec;
      }
      add(out, acc, scale);
    }

    @Override
    public String toString() {
      return "Ring" + java.util.Arrays.toString(Batches.toArray(params));
    }
  }

  private static double sigmoid(double s) {
    if (s >= 0) {
      return 1 / (1 + Math.exp(-s));
    }
    double e = Math.exp(s);
    return e / (1 + e);
  }

  private static void add(INDArray out, double[] acc, double scale) {
    for (int k = 0; k < acc.length; k++) {
      out.putScalar(k, out.getDouble(k) + scale * acc[k]);
    }
  }
}
