package io.ebm4j.store;

import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Chains;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's final walkers in an archive: positions [N, d], cached energies [N], cached gradients [N, d] when kept and
 * log-weights [N], each as row-major float64; restored as they were, without recomputing anything.
 */
final class WalkersPart {
  static final String POSITIONS = "walkers/positions.f64";
  static final String ENERGIES = "walkers/energies.f64";
  static final String GRADIENTS = "walkers/gradients.f64";
  static final String LOG_WEIGHTS = "walkers/logWeights.f64";

  private WalkersPart() {}

  static void write(Chains c, Map<String, String> header, Map<String, byte[]> content) {
    header.put("walkers", String.valueOf(c != null));
    if (c == null) {
      return;
    }
    int n = c.size();
    int d = c.dim();
    header.put("walkers.n", String.valueOf(n));
    header.put("walkers.dim", String.valueOf(d));
    header.put("walkers.gradients", String.valueOf(c.hasGradients()));
    content.put(POSITIONS, Doubles.bytes(c.positionBuffer(), n * d));
    content.put(ENERGIES, Doubles.bytes(c.energyBuffer(), n));
    if (c.hasGradients()) {
      content.put(GRADIENTS, Doubles.bytes(c.gradientBuffer(), n * d));
    }
    content.put(LOG_WEIGHTS, Doubles.bytes(c.logWeightBuffer(), n));
  }

  /** The stored walkers, or null when the run kept none. */
  static Chains read(Archive a) {
    if (!Boolean.parseBoolean(a.get("walkers"))) {
      return null;
    }
    int n = a.getInt("walkers.n");
    int d = a.getInt("walkers.dim");
    boolean gradients = Boolean.parseBoolean(a.get("walkers.gradients"));
    INDArray x = Batches.zeros(n, d);
    Batches.buffer(x).put(a.doubles(POSITIONS, (long) n * d));
    Chains c;
    try {
      c = Chains.of(x, d, gradients);
    } catch (IllegalArgumentException e) {
      throw new StoreException(a.path(), "stored walkers rejected: " + e.getMessage(), e);
    }
    c.energyBuffer().put(0, a.doubles(ENERGIES, n));
    if (gradients) {
      c.gradientBuffer().put(0, a.doubles(GRADIENTS, (long) n * d));
    }
    c.logWeightBuffer().put(0, a.doubles(LOG_WEIGHTS, n));
    return c;
  }
}
