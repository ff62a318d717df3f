package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.study.Result;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * The latent sampler comparison at its default settings, seed 0: on the four-mode latent tilt, HMC switches modes more
 * often per gradient evaluation than MALA (the exact samplers), and every sampler ends with mode fractions near 1/4.
 */
class GebmSamplersStudyTest {
  private static final Map<String, Map<String, Double>> ROWS = new HashMap<>();

  @BeforeAll
  static void runStudy() {
    Result r = new GebmSamplersStudy().run(GebmSamplersConfig.defaults());
    Table s = r.summary();
    for (int i = 0; i < s.rowCount(); i++) {
      Map<String, Double> m = new HashMap<>();
      for (String c : new String[] {"switchesPerKGrad", "essPerKGrad", "modesVisited", "fractionError"}) {
        m.put(c, s.numberColumn(c).getDouble(i));
      }
      ROWS.put(s.stringColumn("arm").get(i), m);
    }
  }

  @Test
  void latentTiltOfTheIdentityBaseIsTheExactFourModeMixture() {
    // nu(u) = N(u; 0, I) exp(-E(u)) / Z: the latent energy is |u|^2/2 + E(u), and G is the identity
    var q = GebmSamplersStudy.model(5.0);
    INDArray u = Batches.zeros(1, 2);
    u.putScalar(0, 0, 2.5);
    u.putScalar(0, 1, -2.5);
    double e = q.energy(u).getDouble(0);
    assertEquals(0.5 * 12.5 + e, q.latentEnergy(1.0).energy(u).getDouble(0), 1e-12);
    assertEquals(1, GebmSamplersStudy.mode(2.5, -2.5));
  }

  @Test
  void hmcSwitchesModesMoreOftenPerGradientThanMala() {
    double hmc = ROWS.get("hmc").get("switchesPerKGrad");
    double mala = ROWS.get("mala").get("switchesPerKGrad");
    assertTrue(hmc > mala, "HMC " + hmc + " vs MALA " + mala + " switches per 1000 gradients");
  }

  @Test
  void everySamplerEndsNearEqualModeFractions() {
    for (var e : ROWS.entrySet()) {
      assertTrue(e.getValue().get("fractionError") < 0.1, e.getKey() + ": " + e.getValue());
    }
  }
}
