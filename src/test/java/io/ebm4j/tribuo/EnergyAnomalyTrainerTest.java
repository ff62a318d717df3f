package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.anomaly.example.GaussianAnomalyDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Energy-based anomaly detection through Tribuo's API on Tribuo's own Gaussian anomaly data. */
class EnergyAnomalyTrainerTest {
  /** Tribuo's example data: EXPECTED points from one Gaussian, ANOMALOUS ones from a shifted, wider one. */
  static MutableDataset<Event> gaussian(int n, float anomalous, long seed) {
    return new MutableDataset<>(new GaussianAnomalyDataSource(n, anomalous, seed));
  }

  private static final MutableDataset<Event> TRAIN = gaussian(1000, 0.0f, 1);
  private static final MutableDataset<Event> TEST = gaussian(1000, 0.2f, 2);

  static RbmFamily smallRbm() {
    return new RbmFamily().hidden(16).epochs(20);
  }

  static MlpFamily smallMlp() {
    return new MlpFamily().hidden(32, 32).steps(300).stepSize(0.05).walkers(128);
  }

  private static double auroc(EnergyFamily family) {
    Model<Event> m = new EnergyAnomalyTrainer(family, 0.95, 3).train(TRAIN);
    double auc = AnomalyScores.auroc(m.predict(TEST));
    System.out.printf("%s: AUROC %.4f%n", family, auc);
    return auc;
  }

  @Test
  void gaussianMixtureEnergySeparatesTribuosGaussianAnomalies() {
    double auc = auroc(new MixtureFamily().components(3));
    assertTrue(auc >= 0.9, "mixture AUROC " + auc);
  }

  /**
   * Normal points in two clusters N((+-3, 0), 0.5^2 I), anomalies N(0, 0.5^2 I) between them: the neural energy's
   * starting point, the standard Gaussian on standardised features, ranks the anomalies as the most normal points;
   * only a trained energy finds them.
   */
  static MutableDataset<Event> twoClusters(int normal, int anomalous, long seed) {
    Rng rng = new Rng(seed);
    INDArray x = Batches.zeros(normal + anomalous, 2);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < normal + anomalous; i++) {
      double cx = i >= normal ? 0 : (i % 2 == 0 ? -3 : 3);
      x.putScalar(i, 0, cx + 0.5 * rng.normal());
      x.putScalar(i, 1, 0.5 * rng.normal());
      events.add(i >= normal ? AnomalyFactory.ANOMALOUS_EVENT : AnomalyFactory.EXPECTED_EVENT);
    }
    return TribuoData.toDataset(x, List.of("a", "b"), events, new AnomalyFactory(), "two clusters");
  }

  private static double twoClustersAuroc(EnergyFamily family) {
    Model<Event> m = new EnergyAnomalyTrainer(family, 0.95, 3).train(twoClusters(1000, 0, 1));
    double auc = AnomalyScores.auroc(m.predict(twoClusters(500, 100, 2)));
    System.out.printf("two clusters, %s: AUROC %.4f%n", family, auc);
    return auc;
  }

  @Test
  void theUntrainedNeuralEnergyRanksTheGapBetweenTwoClustersAsNormal() {
    double auc = twoClustersAuroc(smallMlp().steps(1));
    assertTrue(auc <= 0.35, "MLP energy after one update, AUROC " + auc);
  }

  @Test
  void neuralEnergyTrainedByPcdFlagsTheGapBetweenTwoClusters() {
    double auc = twoClustersAuroc(smallMlp());
    assertTrue(auc >= 0.9, "MLP (PCD) AUROC " + auc);
  }

  @Test
  void neuralEnergyTrainedByJarzynskiFlagsTheGapBetweenTwoClusters() {
    double auc = twoClustersAuroc(smallMlp().method("jarzynski"));
    assertTrue(auc >= 0.9, "MLP (Jarzynski) AUROC " + auc);
  }

  /**
   * Standardising each column makes the clusters elongated (sd 0.16 across, 1 along), which one isotropic component
   * per cluster cannot follow: two components leave the gap inside their spread; eight tile the clusters.
   */
  @Test
  void anIsotropicMixtureNeedsSeveralComponentsPerClusterToFlagTheGap() {
    double two = twoClustersAuroc(new MixtureFamily().components(2));
    double eight = twoClustersAuroc(new MixtureFamily().components(8));
    assertTrue(two <= 0.6, "two components, AUROC " + two);
    assertTrue(eight >= 0.9, "eight components, AUROC " + eight);
  }

  @Test
  void theThresholdFlagsOneMinusQuantileOfTheTrainingData() {
    EnergyAnomalyModel m = (EnergyAnomalyModel) new EnergyAnomalyTrainer(new MixtureFamily().components(2), 0.9, 1)
        .train(TRAIN);
    long flagged = m.predict(TRAIN).stream()
        .filter(p -> p.getOutput().getType() == Event.EventType.ANOMALOUS).count();
    assertEquals(1000 - (long) Math.ceil(0.9 * 1000), flagged, "training points above the 0.9 quantile");
    double[] u = m.energies(TRAIN);
    assertEquals(EnergyAnomalyTrainer.quantile(u, 0.9), m.threshold(), 0.0);
  }

  @Test
  void predictionsCarryTheEnergyAsScoreAndAnomalyEvaluatorCountsThem() {
    EnergyAnomalyModel m = (EnergyAnomalyModel) new EnergyAnomalyTrainer(new MixtureFamily().components(3), 0.95, 1)
        .train(TRAIN);
    List<Prediction<Event>> p = m.predict(TEST);
    double[] u = m.energies(TEST);
    long tp = 0;
    long fp = 0;
    long anomalies = 0;
    for (int i = 0; i < p.size(); i++) {
      Event e = p.get(i).getOutput();
      assertEquals(u[i], e.getScore(), 0.0);
      assertEquals(u[i] > m.threshold(), e.getType() == Event.EventType.ANOMALOUS);
      boolean truth = p.get(i).getExample().getOutput().getType() == Event.EventType.ANOMALOUS;
      anomalies += truth ? 1 : 0;
      tp += truth && e.getType() == Event.EventType.ANOMALOUS ? 1 : 0;
      fp += !truth && e.getType() == Event.EventType.ANOMALOUS ? 1 : 0;
    }
    AnomalyEvaluation eval = new AnomalyEvaluator().evaluate(m, TEST);
    assertEquals(tp, eval.getTruePositives());
    assertEquals(fp, eval.getFalsePositives());
    assertEquals(anomalies - tp, eval.getFalseNegatives());
    assertEquals(p.size() - anomalies - fp, eval.getTrueNegatives());
    System.out.println(eval);
  }

  @Test
  void theModelProvenanceRecordsEveryConfiguredValue() {
    Model<Event> m = new EnergyAnomalyTrainer(new RbmFamily().hidden(7).epochs(3).method("cd"), 0.8, 42L)
        .train(TRAIN);
    Map<String, Provenance> cfg = m.getProvenance().getTrainerProvenance().getConfiguredParameters();
    assertEquals(0.8, ((DoubleProvenance) cfg.get("quantile")).getValue());
    assertEquals(42L, ((LongProvenance) cfg.get("seed")).getValue());
    Map<String, Provenance> family = ((ConfiguredObjectProvenance) cfg.get("energy")).getConfiguredParameters();
    assertEquals(RbmFamily.class.getName(), ((ConfiguredObjectProvenance) cfg.get("energy")).getClassName());
    assertEquals(7, ((IntProvenance) family.get("hidden")).getValue());
    assertEquals(3, ((IntProvenance) family.get("epochs")).getValue());
    assertEquals("cd", ((StringProvenance) family.get("method")).getValue());
    assertEquals(0.5, ((DoubleProvenance) family.get("binarizeThreshold")).getValue());
    assertTrue(m.getProvenance().getDatasetProvenance().getSourceProvenance().toString()
        .contains("GaussianAnomalyDataSource"), "the dataset's provenance travels with the model");
  }

  @Test
  void anomalousTrainingExamplesAreLeftOutOfTheFit() {
    MutableDataset<Event> expectedOnly = new MutableDataset<>(TEST.getProvenance().getSourceProvenance(),
        new AnomalyFactory());
    for (Example<Event> e : TEST) {
      if (e.getOutput().getType() == Event.EventType.EXPECTED) {
        expectedOnly.add(e);
      }
    }
    assertTrue(expectedOnly.size() < TEST.size());
    EnergyAnomalyModel all = (EnergyAnomalyModel) new EnergyAnomalyTrainer(new MixtureFamily().components(3), 0.9, 1)
        .train(TEST);
    EnergyAnomalyModel clean = (EnergyAnomalyModel) new EnergyAnomalyTrainer(new MixtureFamily().components(3), 0.9,
        1).train(expectedOnly);
    assertArrayEquals(clean.energies(TRAIN), all.energies(TRAIN), 0.0);
    assertEquals(clean.threshold(), all.threshold(), 0.0);
  }

  /** Tribuo's reproducibility: the trainer rebuilt by OLCUT from the model's provenance trains the same model. */
  @Test
  void aTrainerRebuiltFromTheModelProvenanceTrainsTheSameModel() {
    for (EnergyFamily f : new EnergyFamily[] {smallRbm().epochs(3).method("cd"), smallMlp().steps(20)
        .activation(io.ebm4j.nn.Activation.TANH)}) {
      EnergyAnomalyModel m = (EnergyAnomalyModel) new EnergyAnomalyTrainer(f, 0.9, 13).train(TRAIN);
      ConfigurationManager cm = new ConfigurationManager();
      for (ConfigurationData c : ProvenanceUtil.extractConfiguration(m.getProvenance().getTrainerProvenance())) {
        cm.addConfiguration(c);
      }
      List<EnergyAnomalyTrainer> rebuilt = cm.lookupAll(EnergyAnomalyTrainer.class);
      assertEquals(1, rebuilt.size());
      EnergyAnomalyModel again = (EnergyAnomalyModel) rebuilt.get(0).train(TRAIN);
      assertArrayEquals(m.energies(TEST), again.energies(TEST), 0.0, f.toString());
      assertEquals(m.threshold(), again.threshold(), 0.0);
      assertEquals(m.getProvenance().getTrainerProvenance(), again.getProvenance().getTrainerProvenance());
    }
  }

  @Test
  void callKFitsWithSeedPlusKSoTheSameSeedGivesTheSameModel() {
    EnergyAnomalyTrainer a = new EnergyAnomalyTrainer(smallRbm(), 0.95, 5);
    EnergyAnomalyModel first = (EnergyAnomalyModel) a.train(TRAIN);
    EnergyAnomalyModel second = (EnergyAnomalyModel) a.train(TRAIN);
    EnergyAnomalyModel again = (EnergyAnomalyModel) new EnergyAnomalyTrainer(smallRbm(), 0.95, 6).train(TRAIN);
    assertEquals(2, a.getInvocationCount());
    assertArrayEquals(second.energies(TEST), again.energies(TEST), 0.0);
    assertTrue(first.energies(TEST)[0] != second.energies(TEST)[0], "another seed, another fit");
  }

  @Test
  void everyModelSurvivesJavaSerialisationWithIdenticalPredictions() throws Exception {
    for (EnergyFamily f : new EnergyFamily[] {smallRbm().epochs(3), smallMlp().steps(20),
        new MixtureFamily().components(2)}) {
      EnergyAnomalyModel m = (EnergyAnomalyModel) new EnergyAnomalyTrainer(f, 0.95, 1).train(TRAIN);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(m);
      }
      Object read;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        read = in.readObject();
      }
      EnergyAnomalyModel back = (EnergyAnomalyModel) read;
      assertArrayEquals(m.energies(TEST), back.energies(TEST), 0.0, f.toString());
      assertEquals(m.threshold(), back.threshold(), 0.0);
      assertEquals(m.getProvenance(), back.getProvenance());
    }
  }

  @Test
  void protobufSerialisationFailsWithAClearMessage(@TempDir Path dir) {
    Model<Event> m = new EnergyAnomalyTrainer(new MixtureFamily().components(2), 0.95, 1).train(TRAIN);
    String msg = assertThrows(UnsupportedOperationException.class,
        () -> m.serializeToFile(dir.resolve("model.pb"))).getMessage();
    assertTrue(msg.contains("Java serialisation"), msg);
  }

  @Test
  void badInputThrowsNamingTheParameterAndValue() {
    for (double q : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      assertEquals("quantile must be in (0, 1), got " + q, assertThrows(IllegalArgumentException.class,
          () -> new EnergyAnomalyTrainer(new MixtureFamily(), q, 1)).getMessage());
    }
    assertEquals("hidden must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new RbmFamily().hidden(0)).getMessage());
    assertEquals("learningRate must be positive and finite, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> new MlpFamily().learningRate(-0.1)).getMessage());
    assertEquals("method must be 'pcd' or 'jarzynski', got 'sgd'",
        assertThrows(IllegalArgumentException.class, () -> new MlpFamily().method("sgd")).getMessage());
    EnergyAnomalyTrainer t = new EnergyAnomalyTrainer(new MixtureFamily().components(2), 0.95, 1);
    MutableDataset<Event> empty = new MutableDataset<>(new SimpleDataSourceProvenance("nothing",
        new AnomalyFactory()), new AnomalyFactory());
    String e = assertThrows(IllegalArgumentException.class, () -> t.train(empty)).getMessage();
    assertTrue(e.startsWith("examples must hold at least one example that is not ANOMALOUS, got 0"), e);
    Model<Event> m = t.train(TRAIN);
    Example<Event> alien = new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, new String[] {"colour"},
        new double[] {1});
    String f = assertThrows(IllegalArgumentException.class, () -> m.predict(alien)).getMessage();
    assertTrue(f.startsWith("example 0 has none of the " + TRAIN.getFeatureIDMap().size() + " features"), f);
  }
}
