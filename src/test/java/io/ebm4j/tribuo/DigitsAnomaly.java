package io.ebm4j.tribuo;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.data.TrainTest;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;

/**
 * The digits anomaly protocol: the 8x8 digits without one class, split 80/20 at a fixed seed; train on the 80 %
 * (EXPECTED); test on the 20 % (EXPECTED) plus every image of the held-out class (ANOMALOUS).
 */
record DigitsAnomaly(MutableDataset<Event> train, MutableDataset<Event> test) {
  static DigitsAnomaly heldOut(int digit, long seed) {
    LabeledData all = Datasets.digits();
    LabeledData normal = all.filter(l -> l != digit);
    LabeledData anomalies = all.filter(l -> l == digit);
    TrainTest parts = normal.split((int) Math.round(0.8 * normal.size()), seed);
    MutableDataset<Event> train = events(parts.train(), Event.EventType.EXPECTED, "digits without " + digit);
    LabeledData test = new LabeledData(Nd4j.vstack(parts.test().x(), anomalies.x()),
        concat(parts.test().labels(), anomalies.labels()), all.featureNames(), "test");
    List<Event> out = new ArrayList<>();
    for (int l : test.labels()) {
      out.add(l == digit ? AnomalyFactory.ANOMALOUS_EVENT : AnomalyFactory.EXPECTED_EVENT);
    }
    return new DigitsAnomaly(train, TribuoData.toDataset(test.x(), test.featureNames(), out, new AnomalyFactory(),
        "digits test, " + digit + " anomalous"));
  }

  static MutableDataset<Event> events(LabeledData d, Event.EventType type, String name) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      out.add(new Event(type));
    }
    return TribuoData.toDataset(d.x(), d.featureNames(), out, new AnomalyFactory(), name);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
