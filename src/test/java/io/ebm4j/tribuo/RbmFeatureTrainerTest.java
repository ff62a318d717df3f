package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import io.ebm4j.data.Datasets;
import io.ebm4j.data.TrainTest;
import io.ebm4j.nd.Batches;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;

/** RBM hidden probabilities as features for Tribuo classifiers, on the 8x8 digits split 1400/397 at seed 3. */
class RbmFeatureTrainerTest {
  private static final TrainTest PARTS = Datasets.digits().split(1400, 3);
  private static final MutableDataset<Label> TRAIN = TribuoData.toDataset(PARTS.train());
  private static final MutableDataset<Label> TEST = TribuoData.toDataset(PARTS.test());

  private static double accuracy(Model<Label> m) {
    List<Prediction<Label>> p = m.predict(TEST);
    int right = 0;
    for (Prediction<Label> q : p) {
      right += q.getOutput().getLabel().equals(q.getExample().getOutput().getLabel()) ? 1 : 0;
    }
    return right / (double) p.size();
  }

  @Test
  void logisticRegressionOnRbmHiddenProbabilitiesClassifiesDigits() {
    Model<Label> raw = new NearestCentroidTrainer(true).train(TRAIN);
    Model<Label> rbm = new RbmFeatureTrainer<>(new RbmFamily().hidden(64).epochs(30), new NearestCentroidTrainer(true),
        1).train(TRAIN);
    Model<Label> centroid = new RbmFeatureTrainer<>(new RbmFamily().hidden(64).epochs(30),
        new NearestCentroidTrainer(), 1).train(TRAIN);
    double a = accuracy(rbm);
    double r = accuracy(raw);
    double c = accuracy(centroid);
    System.out.printf("digits test accuracy: softmax on raw pixels %.4f, on 64 RBM features %.4f; nearest centroid"
        + " on RBM features %.4f%n", r, a, c);
    assertTrue(a >= 0.87, "softmax accuracy on RBM features " + a);
  }

  @Test
  void theModelFeedsTheInnerModelTheHiddenProbabilitiesAndKeepsTheOriginalExamples() {
    RbmFeatureModel<Label> m = (RbmFeatureModel<Label>) new RbmFeatureTrainer<>(new RbmFamily().hidden(8).epochs(2),
        DummyClassifierTrainer.createMostFrequentTrainer(), 1).train(TRAIN);
    assertEquals(8, m.innerModel().getFeatureIDMap().size());
    assertEquals(0, m.innerModel().getFeatureIDMap().getID("rbm.h0"));
    assertEquals(64, m.getFeatureIDMap().size());
    List<Prediction<Label>> p = m.predict(TEST);
    assertEquals(TEST.size(), p.size());
    assertSame(TEST.getExample(5), p.get(5).getExample());
    double[] h = Batches.toArray(m.hiddenProbabilities(TEST));
    for (double v : h) {
      assertTrue(v > 0 && v < 1, "probability " + v);
    }
    Map<String, Provenance> cfg = m.getProvenance().getTrainerProvenance().getConfiguredParameters();
    assertEquals(8, ((IntProvenance) ((ConfiguredObjectProvenance) cfg.get("rbm")).getConfiguredParameters()
        .get("hidden")).getValue());
    assertEquals(DummyClassifierTrainer.class.getName(),
        ((ConfiguredObjectProvenance) cfg.get("innerTrainer")).getClassName());
  }

  @Test
  void theModelSurvivesJavaSerialisation() throws Exception {
    RbmFeatureModel<Label> m = (RbmFeatureModel<Label>) new RbmFeatureTrainer<>(new RbmFamily().hidden(8).epochs(2),
        DummyClassifierTrainer.createMostFrequentTrainer(), 1).train(TRAIN);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      @SuppressWarnings("unchecked")
      RbmFeatureModel<Label> back = (RbmFeatureModel<Label>) in.readObject();
      assertArrayEquals(Batches.toArray(m.hiddenProbabilities(TEST)), Batches.toArray(back.hiddenProbabilities(TEST)),
          0.0);
    }
  }

  @Test
  void nullPartsThrowNamingThem() {
    assertEquals("rbm and innerTrainer must not be null, got null innerTrainer",
        assertThrows(IllegalArgumentException.class,
            () -> new RbmFeatureTrainer<Label>(new RbmFamily(), null, 1)).getMessage());
  }
}
