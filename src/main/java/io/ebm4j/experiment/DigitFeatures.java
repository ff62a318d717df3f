package io.ebm4j.experiment;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.DenseNet;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed small classifier of 8x8 digits (64 -> width tanh -> 10 logits, softmax cross-entropy, full-batch Adam),
 * whose hidden layer is the feature space of the Frechet distance between generated and held-out digits: the idea of
 * the FID (Heusel et al., NeurIPS 2017, https://arxiv.org/abs/1706.08500) at the scale of this data set.
 */
final class DigitFeatures {
  private final DenseNet net;
  private final INDArray params;
  private final DoubleBuffer pb;
  private final DenseNet.Views views;

  private DigitFeatures(DenseNet net, INDArray params) {
    this.net = net;
    this.params = params;
    this.pb = Batches.buffer(params);
    this.views = net.new Views(params);
  }

  /** Trains the classifier on x [n, 64] with labels 0..9 for {@code steps} full-batch Adam steps (lr 0.01). */
  static DigitFeatures train(INDArray x, int[] labels, int width, int steps, long seed) {
    int d = (int) x.columns();
    DenseNet net = new DenseNet(d, new int[] {width}, 10, Activation.TANH, 0);
    double[] p = new double[net.size];
    SplitMix r = new SplitMix(seed);
    net.init(p, r);
    double a = Math.sqrt(6.0 / (width + 10));
    for (int q = 0; q < width * 10; q++) {
      p[net.weightOffset(2) + q] = a * (2 * r.nextDouble() - 1);
    }
    INDArray params = Batches.vector(p);
    DigitFeatures f = new DigitFeatures(net, params);
    int n = (int) x.rows();
    DenseNet.Work w = net.new Work(n);
    INDArray obar = Batches.zeros(n, 10);
    DoubleBuffer ob = Batches.buffer(obar);
    INDArray grad = Batches.zeros(net.size);
    DoubleBuffer gb = Batches.buffer(grad);
    DenseNet.Views gv = net.new Views(grad);
    double[] m = new double[net.size];
    double[] v = new double[net.size];
    for (int t = 1; t <= steps; t++) {
      net.forward(f.views, f.pb, x, w);
      DoubleBuffer logits = w.outb;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 10; k++) {
          max = Math.max(max, logits.get(i * 10 + k));
        }
        double s = 0;
        for (int k = 0; k < 10; k++) {
          s += Math.exp(logits.get(i * 10 + k) - max);
        }
        for (int k = 0; k < 10; k++) {
          double prob = Math.exp(logits.get(i * 10 + k) - max) / s;
          ob.put(i * 10 + k, (prob - (labels[i] == k ? 1 : 0)) / n);
        }
      }
      for (int q = 0; q < net.size; q++) {
        gb.put(q, 0.0);
      }
      net.backward(f.views, w, obar, null, gv);
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int q = 0; q < net.size; q++) {
        double g = gb.get(q);
        m[q] = 0.9 * m[q] + 0.1 * g;
        v[q] = 0.999 * v[q] + 0.001 * g * g;
        f.pb.put(q, f.pb.get(q) - 0.01 * (m[q] / c1) / (Math.sqrt(v[q] / c2) + 1e-8));
      }
    }
    return f;
  }

  /** The hidden-layer activations of x [n, 64]: [n, width]. */
  INDArray features(INDArray x) {
    INDArray xs = Batches.requireBatch(x, net.inputs(), "x");
    INDArray h = xs.mmul(views.w[1]).addiRowVector(views.b[1]);
    DoubleBuffer hb = Batches.buffer(h);
    for (int q = 0; q < h.length(); q++) {
      hb.put(q, DenseNet.tanh(hb.get(q)));
    }
    return h;
  }

  /** Fraction of x classified as labels. */
  double accuracy(INDArray x, int[] labels) {
    INDArray xs = Batches.requireBatch(x, net.inputs(), "x");
    DenseNet.Work w = net.new Work((int) xs.rows());
    net.forward(views, pb, xs, w);
    int ok = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int k = 1; k < 10; k++) {
        if (w.outb.get(i * 10 + k) > w.outb.get(i * 10 + best)) {
          best = k;
        }
      }
      ok += best == labels[i] ? 1 : 0;
    }
    return ok / (double) labels.length;
  }
}
