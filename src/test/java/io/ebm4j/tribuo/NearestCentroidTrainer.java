package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Test-scope Tribuo classifiers built on TribuoData: the nearest class mean (Euclidean), or with {@code softmax}
 * multinomial logistic regression on standardised features (full-batch gradient descent, 300 steps of 0.5, L2 1e-4).
 */
final class NearestCentroidTrainer implements Trainer<Label> {
  private int invocations;
  private final boolean softmax;

  NearestCentroidTrainer() {
    this(false);
  }

  NearestCentroidTrainer(boolean softmax) {
    this.softmax = softmax;
  }

  @Override
  public Model<Label> train(Dataset<Label> data, Map<String, Provenance> run) {
    INDArray x = TribuoData.features(data);
    int[] y = TribuoData.labelIds(data);
    int k = data.getOutputIDInfo().size();
    int d = (int) x.columns();
    double[][] mean = new double[k][d];
    int[] count = new int[k];
    for (int i = 0; i < y.length; i++) {
      count[y[i]]++;
      for (int j = 0; j < d; j++) {
        mean[y[i]][j] += x.getDouble(i, j);
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mean[c][j] /= Math.max(1, count[c]);
      }
    }
    invocations++;
    ModelProvenance p = new ModelProvenance(CentroidModel.class.getName(), OffsetDateTime.now(),
        data.getProvenance(), getProvenance(), run);
    if (softmax) {
      return new SoftmaxModel(p, data.getFeatureIDMap(), data.getOutputIDInfo(), x, y, k);
    }
    return new CentroidModel(p, data.getFeatureIDMap(), data.getOutputIDInfo(), mean);
  }

  @Override
  public Model<Label> train(Dataset<Label> data, Map<String, Provenance> run, int invocation) {
    return train(data, run);
  }

  @Override
  public int getInvocationCount() {
    return invocations;
  }

  @Override
  public TrainerProvenance getProvenance() {
    return new TrainerProvenanceImpl(this);
  }

  static final class CentroidModel extends Model<Label> {
    private final double[][] mean;

    CentroidModel(ModelProvenance p, ImmutableFeatureMap f, ImmutableOutputInfo<Label> o, double[][] mean) {
      super("nearest-centroid", p, f, o, false);
      this.mean = mean;
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
      double[] row = new double[featureIDMap.size()];
      TribuoData.fill(example, featureIDMap, row, 0);
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int c = 0; c < mean.length; c++) {
        double s = 0;
        for (int j = 0; j < row.length; j++) {
          s += (row[j] - mean[c][j]) * (row[j] - mean[c][j]);
        }
        if (s < bd) {
          bd = s;
          best = c;
        }
      }
      return new Prediction<>(outputIDInfo.getOutput(best), example.size(), example);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
      return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
      return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String name, ModelProvenance p) {
      return new CentroidModel(p, featureIDMap, outputIDInfo, mean);
    }
  }

  static final class SoftmaxModel extends Model<Label> {
    private final double[] shift;
    private final double[] scale;
    private final double[][] w; // [k][d + 1], last = bias

    SoftmaxModel(ModelProvenance p, ImmutableFeatureMap f, ImmutableOutputInfo<Label> o, INDArray xs, int[] y, int k) {
      super("softmax", p, f, o, true);
      int n = (int) xs.rows();
      int d = (int) xs.columns();
      double[] x = io.ebm4j.nd.Batches.toArray(xs);
      shift = new double[d];
      scale = new double[d];
      for (int j = 0; j < d; j++) {
        double m = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
          m += x[i * d + j];
        }
        m /= n;
        for (int i = 0; i < n; i++) {
          s += (x[i * d + j] - m) * (x[i * d + j] - m);
        }
        shift[j] = m;
        scale[j] = s > 0 ? Math.sqrt(s / n) : 1;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          x[i * d + j] = (x[i * d + j] - shift[j]) / scale[j];
        }
      }
      w = new double[k][d + 1];
      double[] prob = new double[k];
      for (int step = 0; step < 300; step++) {
        double[][] g = new double[k][d + 1];
        for (int i = 0; i < n; i++) {
          probs(x, i * d, d, prob);
          for (int c = 0; c < k; c++) {
            double r = prob[c] - (y[i] == c ? 1 : 0);
            for (int j = 0; j < d; j++) {
              g[c][j] += r * x[i * d + j];
            }
            g[c][d] += r;
          }
        }
        for (int c = 0; c < k; c++) {
          for (int j = 0; j <= d; j++) {
            w[c][j] -= 0.5 * (g[c][j] / n + 1e-4 * w[c][j]);
          }
        }
      }
    }

    private void probs(double[] x, int off, int d, double[] out) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < w.length; c++) {
        double s = w[c][d];
        for (int j = 0; j < d; j++) {
          s += w[c][j] * x[off + j];
        }
        out[c] = s;
        max = Math.max(max, s);
      }
      double t = 0;
      for (int c = 0; c < w.length; c++) {
        out[c] = Math.exp(out[c] - max);
        t += out[c];
      }
      for (int c = 0; c < w.length; c++) {
        out[c] /= t;
      }
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
      int d = featureIDMap.size();
      double[] row = new double[d];
      TribuoData.fill(example, featureIDMap, row, 0);
      for (int j = 0; j < d; j++) {
        row[j] = (row[j] - shift[j]) / scale[j];
      }
      double[] p = new double[w.length];
      probs(row, 0, d, p);
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        best = p[c] > p[best] ? c : best;
      }
      return new Prediction<>(outputIDInfo.getOutput(best), example.size(), example);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
      return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
      return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String name, ModelProvenance p) {
      return this;
    }
  }

  static List<Label> truth(Iterable<Example<Label>> data) {
    List<Label> out = new ArrayList<>();
    data.forEach(e -> out.add(e.getOutput()));
    return out;
  }
}
