package io.ebm4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.nd.Batches;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class TribuoDataTest {
  @Test
  void labeledDataRoundTripsThroughATribuoDatasetByFeatureName() {
    LabeledData iris = Datasets.iris();
    MutableDataset<Label> ds = TribuoData.toDataset(iris);
    assertEquals(150, ds.size());
    assertEquals(4, ds.getFeatureIDMap().size());
    assertEquals("iris", TribuoData.description(ds));
    assertTrue(ds.getProvenance().getSourceProvenance() instanceof SimpleDataSourceProvenance);
    LabeledData back = TribuoData.toLabeledData(ds);
    assertArrayEquals(iris.labels(), back.labels());
    assertEquals("iris", back.name());
    // columns follow Tribuo's feature ids; compare column by column through the names
    double[] a = Batches.toArray(iris.x());
    double[] b = Batches.toArray(back.x());
    for (int j = 0; j < 4; j++) {
      int k = back.featureNames().indexOf(iris.featureNames().get(j));
      assertEquals(ds.getFeatureIDMap().getID(iris.featureNames().get(j)), k, "column = feature id");
      for (int i = 0; i < 150; i++) {
        assertEquals(a[i * 4 + j], b[i * 4 + k], 0.0, "row " + i + " feature " + j);
      }
    }
  }

  @Test
  void digitsRoundTripExactlyAndLabelIdsMapBackToTheLabels() {
    LabeledData digits = Datasets.digits();
    MutableDataset<Label> ds = TribuoData.toDataset(digits);
    INDArray x = TribuoData.features(ds);
    assertArrayEquals(new long[] {1797, 64}, x.shape());
    int[] ids = TribuoData.labelIds(ds);
    int i = 0;
    for (Example<Label> e : ds) {
      assertEquals(e.getOutput(), ds.getOutputIDInfo().getOutput(ids[i]));
      assertEquals(String.valueOf(digits.labels()[i]), e.getOutput().getLabel());
      i++;
    }
    LabeledData back = TribuoData.toLabeledData(TribuoData.toDataset(TribuoData.toLabeledData(ds)));
    assertEquals(TribuoData.toLabeledData(ds).x(), back.x());
    assertArrayEquals(digits.labels(), back.labels());
  }

  @Test
  void absentFeaturesAreZeroAndUnknownFeaturesAreIgnored() {
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("sparse", new LabelFactory()),
        new LabelFactory());
    ds.add(new ArrayExample<>(new Label("a"), new String[] {"x", "y"}, new double[] {1, 2}));
    ds.add(new ArrayExample<>(new Label("b"), new String[] {"y"}, new double[] {3}));
    INDArray x = TribuoData.features(ds);
    int xi = ds.getFeatureIDMap().getID("x");
    int yi = ds.getFeatureIDMap().getID("y");
    assertEquals(1.0, x.getDouble(0, xi));
    assertEquals(2.0, x.getDouble(0, yi));
    assertEquals(0.0, x.getDouble(1, xi));
    assertEquals(3.0, x.getDouble(1, yi));
    Example<Label> extra = new ArrayExample<>(new Label("a"), new String[] {"x", "z"}, new double[] {5, 7});
    INDArray row = TribuoData.features(List.of(extra), ds.getFeatureIDMap());
    assertEquals(5.0, row.getDouble(0, xi));
    assertEquals(0.0, row.getDouble(0, yi));
  }

  @Test
  void classProbabilitiesBecomeProbabilisticLabelPredictionsByOutputId() {
    MutableDataset<Label> ds = TribuoData.toDataset(Datasets.iris()); // labels "0", "1", "2"
    List<Example<Label>> two = List.of(ds.getExample(0), ds.getExample(1));
    var info = ds.getOutputIDInfo();
    INDArray p = Batches.zeros(2, 3);
    p.putScalar(0, info.getID(new Label("2")), 0.7);
    p.putScalar(0, info.getID(new Label("0")), 0.3);
    p.putScalar(1, info.getID(new Label("1")), 1.0);
    var out = TribuoData.labelPredictions(p, two, info);
    assertEquals("2", out.get(0).getOutput().getLabel());
    assertEquals(0.7, out.get(0).getOutput().getScore(), 0.0);
    assertEquals(0.3, out.get(0).getOutputScores().get("0").getScore(), 0.0);
    assertEquals(0.0, out.get(0).getOutputScores().get("1").getScore(), 0.0);
    assertTrue(out.get(0).hasProbabilities());
    assertEquals("1", out.get(1).getOutput().getLabel());
    assertEquals(ds.getExample(1), out.get(1).getExample());
    assertEquals("probabilities must have one row per example (1), got 2", assertThrows(
        IllegalArgumentException.class, () -> TribuoData.labelPredictions(p, two.subList(0, 1), info)).getMessage());
  }

  @Test
  void badInputThrowsNamingTheParameter() {
    MutableDataset<Label> empty = new MutableDataset<>(new SimpleDataSourceProvenance("none", new LabelFactory()),
        new LabelFactory());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TribuoData.features(empty)).getMessage()
        .startsWith("data must hold at least one example, got 0"));
    MutableDataset<Label> ds = TribuoData.toDataset(Datasets.iris());
    Example<Label> alien = new ArrayExample<>(new Label("0"), new String[] {"colour"}, new double[] {1});
    String m = assertThrows(IllegalArgumentException.class,
        () -> TribuoData.features(List.of(alien), ds.getFeatureIDMap())).getMessage();
    assertTrue(m.startsWith("example 0 has none of the 4 features") && m.contains("colour"), m);
    MutableDataset<Label> named = new MutableDataset<>(new SimpleDataSourceProvenance("n", new LabelFactory()),
        new LabelFactory());
    named.add(new ArrayExample<>(new Label("cat"), new String[] {"x"}, new double[] {1}));
    String l = assertThrows(IllegalArgumentException.class, () -> TribuoData.toLabeledData(named)).getMessage();
    assertTrue(l.startsWith("label names must be integers to become ebm4j labels, got 'cat'"), l);
    String f = assertThrows(IllegalArgumentException.class, () -> TribuoData.toDataset(Batches.zeros(2, 3),
        List.of("a", "b"), List.of(new Label("0"), new Label("1")), new LabelFactory(), "d")).getMessage();
    assertEquals("x must have shape [N, 2], got [2, 3]", f);
  }
}
