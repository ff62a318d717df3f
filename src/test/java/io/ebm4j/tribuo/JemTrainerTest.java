package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.data.TrainTest;
import io.ebm4j.estimate.Auroc;
import io.ebm4j.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/**
 * The JEM classifier through Tribuo's API on the 8x8 digits (1300 training images, 497 test images, split at seed
 * 3): it classifies about as well as the same network trained as a plain classifier (LabelEvaluator accuracy), its
 * predictions carry every class's probability, its energy separates digits from uniform noise, its provenance
 * records the configured values, and it survives Java serialisation.
 */
class JemTrainerTest {
  private static MutableDataset<Label> train;
  private static MutableDataset<Label> test;
  private static MutableDataset<Label> noise;
  private static JemClassifier jem;
  private static Model<Label> plain;

  @BeforeAll
  static void fit() {
    LabeledData digits = Datasets.digits();
    TrainTest parts = digits.split(1300, 3);
    train = TribuoData.toDataset(parts.train());
    test = TribuoData.toDataset(parts.test());
    // uniform noise on the pixel range [0, 16], labelled 0 only because a Label dataset needs an output
    Rng rng = new Rng(5);
    INDArray x = io.ebm4j.nd.Batches.zeros(300, 64);
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 64; j++) {
        x.putScalar(i, j, 16 * rng.uniform());
      }
    }
    List<Label> zeros = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      zeros.add(new Label("0"));
    }
    noise = TribuoData.toDataset(x, digits.featureNames(), zeros, new LabelFactory(), "uniform noise");
    jem = (JemClassifier) new JemTrainer().steps(1500).seed(1).train(train);
    plain = new JemTrainer().steps(1500).generativeWeight(0).seed(1).train(train);
  }

  @Test
  void jemClassifiesTheTestDigitsAboutAsWellAsThePlainClassifier() {
    LabelEvaluation j = new LabelEvaluator().evaluate(jem, test);
    LabelEvaluation p = new LabelEvaluator().evaluate(plain, test);
    System.out.printf("JEM accuracy %.4f, plain %.4f%n", j.accuracy(), p.accuracy());
    assertTrue(j.accuracy() >= 0.93, "JEM accuracy " + j.accuracy());
    assertTrue(j.accuracy() >= p.accuracy() - 0.03, "JEM " + j.accuracy() + " vs plain " + p.accuracy());
  }

  @Test
  void predictionsCarryEveryClassProbability() {
    Prediction<Label> pr = jem.predict(test.getExample(0));
    assertTrue(pr.hasProbabilities());
    Map<String, Label> scores = pr.getOutputScores();
    assertEquals(10, scores.size());
    double sum = scores.values().stream().mapToDouble(Label::getScore).sum();
    assertEquals(1.0, sum, 1e-9);
    double best = scores.values().stream().mapToDouble(Label::getScore).max().orElseThrow();
    assertEquals(best, pr.getOutput().getScore(), 0.0, "the predicted label is the most probable one");
  }

  @Test
  void theEnergySeparatesDigitsFromNoise() {
    double auroc = Auroc.of(jem.energies(noise), jem.energies(test));
    System.out.printf("JEM energy AUROC, noise vs test digits: %.4f%n", auroc);
    assertTrue(auroc >= 0.9, "AUROC " + auroc);
  }

  @Test
  void theProvenanceRecordsTheConfiguredValues() {
    Map<String, Provenance> cfg = jem.getProvenance().getTrainerProvenance().getConfiguredParameters();
    assertEquals(1500, ((IntProvenance) cfg.get("steps")).getValue());
    assertEquals(1L, ((LongProvenance) cfg.get("seed")).getValue());
    assertEquals(1.0, ((DoubleProvenance) cfg.get("generativeWeight")).getValue());
    Map<String, Provenance> plainCfg = plain.getProvenance().getTrainerProvenance().getConfiguredParameters();
    assertEquals(0.0, ((DoubleProvenance) plainCfg.get("generativeWeight")).getValue());
  }

  @Test
  void javaSerialisationKeepsThePredictionsAndProtobufFailsClearly() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(jem);
    }
    JemClassifier back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (JemClassifier) in.readObject();
    }
    assertArrayEquals(jem.energies(test), back.energies(test), 0.0);
    assertEquals(jem.predict(test.getExample(7)).getOutput().getLabel(),
        back.predict(test.getExample(7)).getOutput().getLabel());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, jem::serialize);
    assertTrue(e.getMessage().contains("Java serialisation"), e.getMessage());
  }

  @Test
  void badSettingsNameTheSettingAndTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JemTrainer().steps(0));
    assertTrue(e.getMessage().contains("steps must be at least 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new JemTrainer().generativeWeight(-1));
    assertTrue(e.getMessage().contains("generativeWeight") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new JemTrainer().hidden());
    assertTrue(e.getMessage().contains("hidden must list at least one width"), e.getMessage());
  }
}
