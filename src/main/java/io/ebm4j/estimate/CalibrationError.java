package io.ebm4j.estimate;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The expected calibration error of a classifier (Guo, Pleiss, Sun, Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017, https://arxiv.org/abs/1706.04599): the confidences c_i = max_y p(y | x_i) are put in B equal
 * bins ((b-1)/B, b/B] and
 *
 * <pre>
 *   ECE = sum_b (|B_b| / n) |acc(B_b) - conf(B_b)|,
 * </pre>
 *
 * the gap between accuracy and mean confidence in each bin, weighted by its share of the points.
 *
 * <pre>{@code
 * double ece = CalibrationError.expected(model.predictProbabilities(xTest), yTest, 15);
 * }</pre>
 */
public final class CalibrationError {
  private CalibrationError() {}

  /** ECE of predicted probabilities [n, K] (rows summing to 1) against labels in 0..K-1, with the given bins. */
  public static double expected(INDArray probabilities, int[] labels, int bins) {
    if (probabilities == null || probabilities.rank() != 2) {
      throw new IllegalArgumentException("probabilities must be an [n, K] matrix, got "
          + (probabilities == null ? "null" : java.util.Arrays.toString(probabilities.shape())));
    }
    INDArray p = Batches.requireBatch(probabilities, (int) probabilities.columns(), "probabilities");
    int n = (int) p.rows();
    int k = (int) p.columns();
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("labels must have one entry per row (" + n + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    DoubleBuffer pb = Batches.buffer(p);
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("labels must be in [0, " + k + "), got " + labels[i] + " at " + i);
      }
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (pb.get(i * k + c) > pb.get(i * k + best)) {
          best = c;
        }
      }
      confidence[i] = pb.get(i * k + best);
      correct[i] = best == labels[i];
    }
    return expected(confidence, correct, bins);
  }

  /** ECE from each point's confidence in [0, 1] and whether its prediction was correct. */
  public static double expected(double[] confidence, boolean[] correct, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    if (confidence == null || correct == null || confidence.length != correct.length || confidence.length == 0) {
      throw new IllegalArgumentException("confidence and correct must be non-empty and of equal length, got "
          + (confidence == null ? "null" : confidence.length) + " and " + (correct == null ? "null" : correct.length));
    }
    int n = confidence.length;
    double[] conf = new double[bins];
    double[] acc = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < n; i++) {
      double c = confidence[i];
      if (!(c >= 0 && c <= 1)) {
        throw new IllegalArgumentException("confidence must be in [0, 1], got " + c + " at " + i);
      }
      int b = Math.max(0, (int) Math.ceil(c * bins) - 1);
      conf[b] += c;
      acc[b] += correct[i] ? 1 : 0;
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs(acc[b] - conf[b]) / n;
      }
    }
    return ece;
  }
}
