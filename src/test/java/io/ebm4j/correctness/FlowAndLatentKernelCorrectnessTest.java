package io.ebm4j.correctness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.flow.FlowKernels;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.Generator;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Trace;
import io.ebm4j.testing.Stat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The flow kernels (independent Metropolis-Hastings with a flow proposal, i-SIR, global-local, NeuTra MALA and HMC)
 * and the GEBM latent samplers through the statistical harness ({@link Stat}) on targets with exact answers. The
 * flow is a Real NVP with randomly perturbed weights, far from the target, so that an error in its log-density or
 * log-determinant (which only the acceptance ratio sees) biases the moments; the latent target is the Gaussian
 * tilt nu(z) proportional to N(z; 0, I) exp(-E(G(z))) of an identity generator by a Gaussian energy, whose mean and
 * variance are known in closed form.
 */
class FlowAndLatentKernelCorrectnessTest {
  /** A Real NVP in d = 2 whose weights are perturbed away from the identity (a skewed, shifted proposal). */
  static RealNvp perturbedFlow(long seed) {
    RealNvp flow = RealNvp.builder(2).blocks(4).hidden(16).logScaleBound(2).seed(seed).build();
    INDArray p = flow.params().dup();
    double[] v = Batches.toArray(p);
    Rng rng = new Rng(seed + 1);
    for (int i = 0; i < v.length; i++) {
      v[i] += 0.15 * rng.normal();
    }
    return flow.setParams(org.nd4j.linalg.factory.Nd4j.createFromArray(v).castTo(p.dataType()));
  }

  static Map<String, Supplier<Kernel>> flowKernels() {
    Map<String, Supplier<Kernel>> k = new LinkedHashMap<>();
    k.put("flow IMH", () -> FlowKernels.imh(perturbedFlow(3)));
    k.put("flow i-SIR (8 proposals)", () -> FlowKernels.isir(perturbedFlow(3), 8));
    k.put("global-local (flow IMH + MALA)", () -> FlowKernels.globalLocal(perturbedFlow(3), Kernels.mala(0.3)));
    k.put("NeuTra MALA", () -> FlowKernels.neutraMala(perturbedFlow(3), 0.3));
    k.put("NeuTra HMC", () -> FlowKernels.neutraHmc(perturbedFlow(3), 0.2, 6));
    return k;
  }

  private static Trace sample(Energy e, Kernel k, int chains, int steps, long seed) {
    return Ebm.sample(e).kernel(k).chains(chains).from(Batches.zeros(chains, e.dim())).warmup(300).steps(steps)
        .seed(seed).run();
  }

  @TestFactory
  Stream<DynamicTest> everyFlowKernelSamplesTheCorrelatedGaussianExactly() {
    return flowKernels().entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
      Trace t = sample(KernelCorrectnessTest.correlatedGaussian(), en.getValue().get(), 32, 1500, 21);
      double[][] x = t.coordinate(0);
      double[][] y = t.coordinate(1);
      Stat.assertMean(en.getKey() + " E[x]", x, 0);
      Stat.assertMean(en.getKey() + " E[y]", y, 0);
      Stat.assertMean(en.getKey() + " E[x^2]", Stat.map(x, v -> v * v), 1);
      Stat.assertMean(en.getKey() + " E[y^2]", Stat.map(y, v -> v * v), 1);
      double[][] xy = new double[x.length][];
      for (int c = 0; c < x.length; c++) {
        xy[c] = new double[x[c].length];
        for (int s = 0; s < x[c].length; s++) {
          xy[c][s] = x[c][s] * y[c][s];
        }
      }
      Stat.assertMean(en.getKey() + " E[xy]", xy, KernelCorrectnessTest.RHO);
      Stat.assertDistribution(en.getKey() + " marginal of x", Stat.thin(x, 20), Stat::normalCdf);
    }));
  }

  /** Identity generator, Gaussian energy E(x) = sum_j (x_j - m_j)^2 / (2 s_j^2): nu is Gaussian per coordinate. */
  private static Gebm gaussianTilt(double[] m, double[] s) {
    return Gebm.of(Energies.gaussian(m, s), Generator.identity(m.length));
  }

  @TestFactory
  Stream<DynamicTest> everyLatentSamplerSamplesTheGaussianTiltExactly() {
    double[] m = {1.5, -1.0};
    double[] s = {0.8, 1.5};
    Map<String, Supplier<Kernel>> k = new LinkedHashMap<>();
    k.put("latent MALA", () -> Kernels.mala(0.3));
    k.put("latent HMC", () -> Kernels.hmc(0.25, 8));
    k.put("latent random-walk Metropolis", () -> Kernels.randomWalk(0.8));
    return k.entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
      Energy nu = gaussianTilt(m, s).latentEnergy(1.0);
      Trace t = sample(nu, en.getValue().get(), 32, 1500, 23);
      for (int j = 0; j < 2; j++) {
        double precision = 1 + 1 / (s[j] * s[j]);
        double mean = m[j] / (s[j] * s[j]) / precision;
        double var = 1 / precision;
        double[][] z = t.coordinate(j);
        Stat.assertMean(en.getKey() + " E[z" + j + "]", z, mean);
        Stat.assertMean(en.getKey() + " Var[z" + j + "]", Stat.map(z, v -> (v - mean) * (v - mean)), var);
        Stat.assertDistribution(en.getKey() + " marginal of z" + j, Stat.thin(z, 20),
            v -> Stat.normalCdf((v - mean) / Math.sqrt(var)));
      }
    }));
  }

  @Test
  void unadjustedLatentLangevinShowsItsBiasWhereMalaHasNone() {
    double[] m = {1.5, -1.0};
    double[] s = {0.8, 1.5};
    Energy nu = gaussianTilt(m, s).latentEnergy(1.0);
    double precision = 1 + 1 / (s[0] * s[0]);
    double h = 0.4;
    Trace t = sample(nu, Kernels.ula(h), 32, 1500, 29);
    double mean = m[0] / (s[0] * s[0]) / precision;
    double[][] dev2 = Stat.map(t.coordinate(0), v -> (v - mean) * (v - mean));
    // ULA on a Gaussian of precision p has variance 1 / (p (1 - h p / 2)), exactly
    Stat.assertMean("latent ULA variance (its exact biased value)", dev2, 1 / (precision * (1 - h * precision / 2)));
    AssertionError e = assertThrows(AssertionError.class,
        () -> Stat.assertMean("latent ULA variance against the target's", dev2, 1 / precision));
    assertTrue(e.getMessage().contains("z ="), e.getMessage());
  }
}
