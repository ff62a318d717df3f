package io.ebm4j.experiment;

import io.ebm4j.energy.Energies;
import io.ebm4j.estimate.Autocorrelation;
import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.Generator;
import io.ebm4j.gebm.LatentEnergy;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Latent samplers of a generalized energy-based model compared on a multimodal latent tilt (Arbel, Zhou, Gretton,
 * "Generalized Energy Based Models", ICLR 2021, https://arxiv.org/abs/2003.05033, section 4 and their code: the paper
 * reports that HMC explores modes better than Langevin). The GEBM has the identity base (latent N(0, I)) and the
 * energy of an equal-weight mixture of unit Gaussians at (+-m, +-m), so nu(u) is an exact four-mode mixture of
 * N((+-m/2, +-m/2), I/2). ULA, MALA and HMC run at an equal budget of gradient evaluations from the prior; reported:
 * mode switches and effective sample size of u_1 per 1000 gradient evaluations per chain, modes visited per chain,
 * and the error of the final mode fractions (1/4 each).
 *
 * <pre>{@code
 * Result r = new GebmSamplersStudy().run(GebmSamplersConfig.defaults());
 * }</pre>
 */
public final class GebmSamplersStudy implements Study<GebmSamplersConfig, Gebm> {
  static final String NAME = "gebm-samplers";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Arbel, Zhou, Gretton 2021: ULA vs MALA vs HMC on a four-mode GEBM latent tilt, per gradient evaluation";
  }

  @Override
  public GebmSamplersConfig defaults() {
    return GebmSamplersConfig.defaults();
  }

  /** The GEBM of the comparison: identity base on R^2, mixture energy at (+-m, +-m). */
  public static Gebm model(double m) {
    double[][] means = {{m, m}, {m, -m}, {-m, m}, {-m, -m}};
    return Gebm.of(Energies.mixture(means, new double[] {0.25, 0.25, 0.25, 0.25}), Generator.identity(2));
  }

  /** The quadrant (mode index 0..3) of a latent point, matching the order of {@link #model}'s means. */
  static int mode(double u0, double u1) {
    return (u0 >= 0 ? 0 : 2) + (u1 >= 0 ? 0 : 1);
  }

  @Override
  public INDArray data(GebmSamplersConfig c, int seed) {
    return null;
  }

  @Override
  public List<Arm<GebmSamplersConfig, Gebm>> arms(GebmSamplersConfig c) {
    List<Arm<GebmSamplersConfig, Gebm>> arms = new ArrayList<>();
    for (String s : List.of("ula", "mala", "hmc")) {
      arms.add(Arm.<GebmSamplersConfig, Gebm>custom(s, cell -> model(c.modeDistance()),
          (cell, q, label, progress) -> sample(c, s, q, cell.stream("chains-" + s), label)));
    }
    return arms;
  }

  static Run<Gebm> sample(GebmSamplersConfig c, String sampler, Gebm q, long seed, String label) {
    Kernel k = switch (sampler) {
      case "ula" -> Kernels.ula(c.ulaStepSize());
      case "mala" -> Kernels.mala(c.malaStepSize());
      default -> Kernels.hmc(c.hmcStepSize(), c.leapfrogSteps());
    };
    int perStep = sampler.equals("hmc") ? c.leapfrogSteps() : 1;
    int steps = c.gradientEvaluations() / perStep;
    long t0 = System.nanoTime();
    Rng rng = new Rng(seed);
    LatentEnergy u = q.latentEnergy(c.temperature());
    Kernel kernel = k.fresh();
    Chains ch = kernel.init(u, q.base().latents(c.chains(), rng));
    int n = c.chains();
    int[] last = new int[n];
    boolean[][] seen = new boolean[n][4];
    double[][] trace = new double[n][steps];
    DoubleBuffer pb = ch.positionBuffer();
    for (int i = 0; i < n; i++) {
      last[i] = mode(pb.get(2 * i), pb.get(2 * i + 1));
      seen[i][last[i]] = true;
    }
    long switches = 0;
    double acc = 0;
    IntColumn gradCol = IntColumn.create("step");
    DoubleColumn switchCol = DoubleColumn.create("switchesPerChain");
    DoubleColumn visitedCol = DoubleColumn.create("modesVisited");
    int logEvery = Math.max(1, steps / 100);
    for (int s = 0; s < steps; s++) {
      acc += kernel.step(u, ch, rng).acceptance();
      pb = ch.positionBuffer();
      for (int i = 0; i < n; i++) {
        int m = mode(pb.get(2 * i), pb.get(2 * i + 1));
        if (m != last[i]) {
          switches++;
          last[i] = m;
        }
        seen[i][m] = true;
        trace[i][s] = pb.get(2 * i);
      }
      if ((s + 1) % logEvery == 0 || s == steps - 1) {
        gradCol.append((s + 1) * perStep);
        switchCol.append(switches / (double) n);
        visitedCol.append(visited(seen));
      }
    }
    double[] frac = new double[4];
    for (int i = 0; i < n; i++) {
      frac[last[i]] += 1.0 / n;
    }
    double fracErr = 0;
    for (double f : frac) {
      fracErr = Math.max(fracErr, Math.abs(f - 0.25));
    }
    double kGrads = steps * perStep / 1000.0;
    double ess = Autocorrelation.ess(trace);
    Table h = Table.create(label, gradCol, switchCol, visitedCol);
    h.addColumns(DoubleColumn.create("switchesPerKGrad", h.rowCount()).setMissingTo(switches / (double) n / kGrads),
        DoubleColumn.create("essPerKGrad", h.rowCount()).setMissingTo(ess / n / kGrads),
        DoubleColumn.create("fractionError", h.rowCount()).setMissingTo(fracErr),
        DoubleColumn.create("acceptance", h.rowCount()).setMissingTo(acc / steps));
    Map<String, String> prov = new LinkedHashMap<>(c.settings());
    prov.put("sampler", kernel.name());
    return new Run<>(h, q, ch, (System.nanoTime() - t0) / 1e9, prov);
  }

  private static double visited(boolean[][] seen) {
    double s = 0;
    for (boolean[] row : seen) {
      for (boolean b : row) {
        s += b ? 1 : 0;
      }
    }
    return s / seen.length;
  }

  @Override
  public Map<String, Metric<GebmSamplersConfig, Gebm>> metrics(GebmSamplersConfig c) {
    Map<String, Metric<GebmSamplersConfig, Gebm>> m = new LinkedHashMap<>();
    m.put("switchesPerKGrad", Metric.last("switchesPerKGrad"));
    m.put("essPerKGrad", Metric.last("essPerKGrad"));
    m.put("modesVisited", Metric.last("modesVisited"));
    m.put("fractionError", Metric.last("fractionError"));
    m.put("acceptance", Metric.last("acceptance"));
    return m;
  }

  @Override
  public Map<String, Function<Runs<GebmSamplersConfig, Gebm>, Figure>> figures(GebmSamplersConfig c) {
    Map<String, Function<Runs<GebmSamplersConfig, Gebm>, Figure>> f = new LinkedHashMap<>();
    f.put("mode-switches", runs -> {
      XYChart ch = Plots.chart("Mode switches per chain against gradient evaluations (seed " + runs.firstSeed() + ")",
          "gradient evaluations", "mode switches per chain");
      for (Trial<GebmSamplersConfig, Gebm> t : runs.trials()) {
        if (t.cell().seed() == runs.firstSeed()) {
          Plots.add(ch, t.arm().label(), t.run().history(), "step", "switchesPerChain");
        }
      }
      return Figure.of(ch);
    });
    f.put("modes-visited", runs -> {
      XYChart ch = Plots.chart("Modes visited per chain (of 4) against gradient evaluations (seed " + runs.firstSeed()
          + ")", "gradient evaluations", "modes visited");
      for (Trial<GebmSamplersConfig, Gebm> t : runs.trials()) {
        if (t.cell().seed() == runs.firstSeed()) {
          Plots.add(ch, t.arm().label(), t.run().history(), "step", "modesVisited");
        }
      }
      Plots.reference(ch, "all modes", 0, c.gradientEvaluations(), 4);
      return Figure.of(ch);
    });
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("chains", "16", "gradientEvaluations", "200");
  }

  @Override
  public String report(GebmSamplersConfig c) {
    return "Latent tilt: nu(u) proportional to N(u; 0, I) exp(-E(u)/T), E the energy of an equal mixture of unit"
        + " Gaussians at (+-" + c.modeDistance() + ", +-" + c.modeDistance() + "), T = " + c.temperature() + ": four"
        + " modes at (+-" + c.modeDistance() / 2 + ", +-" + c.modeDistance() / 2 + "). " + c.chains() + " chains per"
        + " sampler from the prior, " + c.gradientEvaluations() + " gradient evaluations each: ULA h = "
        + c.ulaStepSize() + ", MALA h = " + c.malaStepSize() + ", HMC h = " + c.hmcStepSize() + " with "
        + c.leapfrogSteps() + " leapfrog steps.\n\nLook at switchesPerKGrad and essPerKGrad (per chain, per 1000"
        + " gradient evaluations): the paper's claim is that HMC explores the modes better.";
  }
}
