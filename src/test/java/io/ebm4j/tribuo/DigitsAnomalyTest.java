package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

/**
 * The notebook's protocol (notebooks/13-tribuo-anomaly.ipynb): the 8x8 digits without the 7s, split 80/20 at seed 7;
 * a default {@link RbmFamily} (32 hidden units, 30 epochs of PCD-1, pixels binarised at 8) fitted with seed 1 flags
 * the held-out 7s among the normal test digits.
 */
class DigitsAnomalyTest {
  @Test
  void rbmFreeEnergyFindsHeldOutSevensWithAurocAbove088() {
    DigitsAnomaly p = DigitsAnomaly.heldOut(7, 7);
    Model<Event> m = new EnergyAnomalyTrainer(new RbmFamily(), 0.95, 1).train(p.train());
    double auc = AnomalyScores.auroc(m.predict(p.test()));
    double ap = AnomalyScores.averagePrecision(m.predict(p.test()));
    System.out.printf("digits, 7 held out: RBM AUROC %.4f, average precision %.4f%n", auc, ap);
    assertTrue(auc >= 0.88, "AUROC " + auc);
  }
}
