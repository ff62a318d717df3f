package io.ebm4j.tribuo;

import java.util.List;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * Threshold-free scores of anomaly predictions, which Tribuo's {@code AnomalyEvaluator} (counts at the model's
 * threshold) lacks: the ground truth is each example's own event type (ANOMALOUS = positive), the score the
 * predicted event's score (for {@link EnergyAnomalyModel}, the energy). Computed by Tribuo's
 * {@code LabelEvaluationUtil}.
 *
 * <pre>{@code
 * List<Prediction<Event>> p = model.predict(testData);
 * double auc = AnomalyScores.auroc(p);
 * LabelEvaluationUtil.ROC roc = AnomalyScores.roc(p);   // fpr, tpr, thresholds
 * }</pre>
 */
public final class AnomalyScores {
  private AnomalyScores() {}

  /** Area under the ROC curve: the probability that an anomaly scores above a normal example (ties count half). */
  public static double auroc(List<Prediction<Event>> predictions) {
    Truth t = truth(predictions);
    return LabelEvaluationUtil.binaryAUCROC(t.anomalous, t.scores);
  }

  /** Average precision of the ranking by score (Tribuo's {@code averagedPrecision}). */
  public static double averagePrecision(List<Prediction<Event>> predictions) {
    Truth t = truth(predictions);
    return LabelEvaluationUtil.averagedPrecision(t.anomalous, t.scores);
  }

  /** The ROC curve (false- and true-positive rates by threshold). */
  public static LabelEvaluationUtil.ROC roc(List<Prediction<Event>> predictions) {
    Truth t = truth(predictions);
    return LabelEvaluationUtil.generateROCCurve(t.anomalous, t.scores);
  }

  private record Truth(boolean[] anomalous, double[] scores) {}

  private static Truth truth(List<Prediction<Event>> predictions) {
    if (predictions == null || predictions.isEmpty()) {
      throw new IllegalArgumentException("predictions must hold at least one prediction, got "
          + (predictions == null ? "null" : "none"));
    }
    int n = predictions.size();
    boolean[] y = new boolean[n];
    double[] s = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      Prediction<Event> p = predictions.get(i);
      Event.EventType type = p.getExample().getOutput().getType();
      if (type == Event.EventType.UNKNOWN) {
        throw new IllegalArgumentException("predictions must be of examples with a known event type, got UNKNOWN"
            + " at " + i);
      }
      y[i] = type == Event.EventType.ANOMALOUS;
      positives += y[i] ? 1 : 0;
      s[i] = p.getOutput().getScore();
    }
    if (positives == 0 || positives == n) {
      throw new IllegalArgumentException("predictions must include both ANOMALOUS and EXPECTED examples, got "
          + positives + " anomalous of " + n);
    }
    return new Truth(y, s);
  }
}
