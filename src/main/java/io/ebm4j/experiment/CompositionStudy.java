package io.ebm4j.experiment;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Composition of independently trained energies (Du and Mordatch, "Implicit Generation and Generalization in
 * Energy-Based Models", NeurIPS 2019, https://arxiv.org/abs/1903.08689; Du, Li and Mordatch, "Compositional Visual
 * Generation with Energy Based Models", NeurIPS 2020, https://arxiv.org/abs/2004.06030) on 2-D concepts: "left"
 * (x < 0), "ring" (|x| near a radius) and "upper" (y > 0), each trained by PCD on samples of its concept only: a
 * parametric energy (a softplus wall, a radial well) plus a trained Gaussian, or (arm "mlp") an MLP plus a fixed
 * confining Gaussian. Their combinations, built with {@link Energies#and},
 * {@link Energies#or} and {@link Energies#andNot} and tempered by {@link Energies#tempered}, are sampled by MALA and
 * scored by the fraction of samples that satisfy each concept involved (and the same mass read off the grid density).
 *
 * <p>The model of a run is the sum of the three trained concept energies, whose {@code parts()} are the concepts
 * (left, ring, upper) with their parameters; the study's data is the three concept samples stacked in that order.
 *
 * <pre>{@code
 * Result r = new CompositionStudy().run(Sweep.of(CompositionConfig.defaults()).seeds(0, 1, 2));
 * }</pre>
 */
public final class CompositionStudy implements Study<CompositionConfig, SumEnergy> {
  static final String NAME = "composition";
  static final String[] CONCEPTS = {"left", "ring", "upper"};
  private static final Map<SumEnergy, Eval> EVALS = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Du & Mordatch 2019, Du, Li & Mordatch 2020: AND, OR, AND NOT of 2-D concept energies, sampled by MALA";
  }

  @Override
  public CompositionConfig defaults() {
    return CompositionConfig.defaults();
  }

  /** Whether a point satisfies a test: a concept ("left", "ring", "upper") or "right" (NOT left). */
  static boolean satisfies(CompositionConfig c, String test, double x, double y) {
    return switch (test) {
      case "left" -> x < 0;
      case "right" -> x >= 0;
      case "upper" -> y > 0;
      case "ring" -> Math.abs(Math.hypot(x, y) - c.ringRadius()) < c.band();
      default -> throw new IllegalArgumentException("test must be left, right, upper or ring, got '" + test + "'");
    };
  }

  /** dataSize samples of a concept: the half-planes cut from N(0, spread^2 I), the ring with radial noise. */
  static INDArray conceptData(CompositionConfig c, String concept, long stream) {
    Rng rng = new Rng(stream);
    INDArray x = Batches.zeros(c.dataSize(), 2);
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < c.dataSize(); i++) {
      double px;
      double py;
      if (concept.equals("ring")) {
        double r = c.ringRadius() + c.ringWidth() * rng.normal();
        double t = 2 * Math.PI * rng.uniform();
        px = r * Math.cos(t);
        py = r * Math.sin(t);
      } else {
        do {
          px = c.spread() * rng.normal();
          py = c.spread() * rng.normal();
        } while (!satisfies(c, concept, px, py));
      }
      b.put(2 * i, px);
      b.put(2 * i + 1, py);
    }
    return x;
  }

  @Override
  public INDArray data(CompositionConfig c, int seed) {
    INDArray[] parts = new INDArray[CONCEPTS.length];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = conceptData(c, CONCEPTS[k], Seeds.stream(NAME, "data-" + CONCEPTS[k], seed));
    }
    return org.nd4j.linalg.factory.Nd4j.vstack(parts);
  }

  static Gaussian confinement(CompositionConfig c) {
    return Energies.gaussian(new double[] {0, 0}, new double[] {c.confine(), c.confine()});
  }

  /** A concept model: an MLP (zero output layer, so it starts as the confining Gaussian) plus the Gaussian. */
  static SumEnergy mlpConcept(CompositionConfig c, long seed) {
    Mlp mlp = Mlp.builder(2).hidden(c.hiddenArray()).activation(Activation.SILU).seed(seed).build();
    int last = c.hidden().get(c.hidden().size() - 1);
    long p = mlp.numParams();
    mlp.params().get(NDArrayIndex.interval(p - last - 1, p)).assign(0);
    return Energies.plus(mlp, confinement(c));
  }

  /** A parametric concept model: a softplus wall or a radial well, plus a Gaussian, both trained. */
  static SumEnergy parametricConcept(CompositionConfig c, String concept) {
    return Energies.sum(concept.equals("ring") ? CompositionConcepts.ring() : CompositionConcepts.halfPlane(),
        confinement(c));
  }

  /** The untrained model of an arm: the sum of its three concept models (left, ring, upper). */
  static SumEnergy start(CompositionConfig c, String kind, java.util.function.LongUnaryOperator seeds) {
    SumEnergy[] parts = new SumEnergy[CONCEPTS.length];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = kind.equals("mlp") ? mlpConcept(c, seeds.applyAsLong(k)) : parametricConcept(c, CONCEPTS[k]);
    }
    return Energies.sum(parts[0], parts[1], parts[2]);
  }

  @Override
  public List<Arm<CompositionConfig, SumEnergy>> arms(CompositionConfig c) {
    List<Arm<CompositionConfig, SumEnergy>> arms = new ArrayList<>();
    for (String kind : c.models()) {
      arms.add(Arm.<CompositionConfig, SumEnergy>custom(kind,
          cell -> start(c, kind, k -> cell.stream("init-" + CONCEPTS[(int) k])),
          (cell, model, label, progress) -> {
            long t0 = System.nanoTime();
            INDArray all = cell.data();
            SumEnergy[] trained = new SumEnergy[CONCEPTS.length];
            Table history = null;
            double lr = kind.equals("mlp") ? c.mlpLearningRate() : c.learningRate();
            for (int k = 0; k < CONCEPTS.length; k++) {
              String concept = CONCEPTS[k];
              INDArray data = all.get(NDArrayIndex.interval((long) k * c.dataSize(),
                  (long) (k + 1) * c.dataSize()), NDArrayIndex.all()).dup();
              INDArray x0 = confinement(c).sample(c.walkers(), cell.stream("walkers-" + concept));
              INDArray probes = probes(c);
              Run<SumEnergy> r = Ebm.train((SumEnergy) model.parts().get(k)).on(data)
                  .method(Methods.pcd(Kernels.ula(c.pcdStepSize())).initFrom(x0))
                  .optimizer(new Adam(lr)).batchSize(c.batchSize()).steps(c.steps())
                  .logEvery(c.logEvery()).seed(cell.stream("train-" + concept))
                  .track("contrast", e -> contrast(c, concept, e, probes))
                  .progress(progress).label(label + " " + concept).run();
              trained[k] = r.model();
              history = merge(history, r.history(), "contrast", "contrast" + capitalised(concept));
            }
            SumEnergy concepts = Energies.sum(trained[0], trained[1], trained[2]);
            Map<String, String> prov = new LinkedHashMap<>(c.settings());
            return new Run<>(history, concepts, null, (System.nanoTime() - t0) / 1e9, prov);
          }));
    }
    return arms;
  }

  /** Fixed points of the box, for the training contrast. */
  private static INDArray probes(CompositionConfig c) {
    Rng rng = new Rng(12345);
    double r = box(c);
    INDArray x = Batches.zeros(2000, 2);
    DoubleBuffer b = Batches.buffer(x);
    for (int q = 0; q < 4000; q++) {
      b.put(q, -r + 2 * r * rng.uniform());
    }
    return x;
  }

  /** Mean energy of the box points outside the concept minus that of the points inside: the learned wall. */
  private static double contrast(CompositionConfig c, String concept, Energy e, INDArray probes) {
    double[] u = Batches.toArray(e.energy(probes));
    DoubleBuffer b = Batches.buffer(probes);
    double in = 0;
    double out = 0;
    int nIn = 0;
    for (int i = 0; i < u.length; i++) {
      if (satisfies(c, concept, b.get(2 * i), b.get(2 * i + 1))) {
        in += u[i];
        nIn++;
      } else {
        out += u[i];
      }
    }
    return out / Math.max(1, u.length - nIn) - in / Math.max(1, nIn);
  }

  private static Table merge(Table into, Table h, String column, String name) {
    DoubleColumn col = DoubleColumn.create(name);
    NumericColumn<?> src = (NumericColumn<?>) h.column(column);
    for (int i = 0; i < h.rowCount(); i++) {
      col.append(src.getDouble(i));
    }
    if (into == null) {
      IntColumn step = IntColumn.create("step");
      NumericColumn<?> s = (NumericColumn<?>) h.column("step");
      for (int i = 0; i < h.rowCount(); i++) {
        step.append((int) s.getDouble(i));
      }
      return Table.create("composition", step, col);
    }
    return into.addColumns(col);
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Half-width of the square box of the grids and probes. */
  static double box(CompositionConfig c) {
    return c.ringRadius() + 2.5;
  }

  /** A combination of the concepts: its key, title, energy (before tempering) and the tests its samples should pass. */
  record Combination(String key, String title, Function<List<Energy>, Energy> energy, List<String> tests,
      boolean any) {}

  static List<Combination> combinations(CompositionConfig c) {
    return List.of(
        new Combination("ringAndUpper", "ring AND upper", p -> Energies.and(p.get(1), p.get(2)),
            List.of("ring", "upper"), false),
        new Combination("ringAndNotLeft", "ring AND NOT left (alpha " + c.alpha() + ")",
            p -> Energies.andNot(p.get(1), p.get(0), c.alpha()), List.of("ring", "right"), false),
        new Combination("leftOrUpper", "left OR upper", p -> Energies.or(p.get(0), p.get(2)),
            List.of("left", "upper"), true),
        new Combination("leftAndUpper", "left AND upper", p -> Energies.and(p.get(0), p.get(2)),
            List.of("left", "upper"), false));
  }

  /** MALA samples, their acceptance and the grid density of one energy. */
  record Sampled(Energy energy, INDArray samples, double acceptance, GridDensity grid) {}

  /** Samples and scores of the concepts and of every combination, computed once per trained model. */
  record Eval(Map<String, Sampled> concepts, Map<String, Sampled> combinations) {}

  static Eval evaluate(CompositionConfig c, SumEnergy model, int seed) {
    Eval e = EVALS.get(model);
    if (e != null) {
      return e;
    }
    List<Energy> parts = model.parts();
    Map<String, Sampled> concepts = new LinkedHashMap<>();
    for (int k = 0; k < CONCEPTS.length; k++) {
      concepts.put(CONCEPTS[k], sample(c, Energies.tempered(parts.get(k), c.temperature()),
          Seeds.stream(NAME, "mala-" + CONCEPTS[k], seed)));
    }
    Map<String, Sampled> combos = new LinkedHashMap<>();
    for (Combination comb : combinations(c)) {
      combos.put(comb.key(), sample(c, Energies.tempered(comb.energy().apply(parts), c.temperature()),
          Seeds.stream(NAME, "mala-" + comb.key(), seed)));
    }
    e = new Eval(concepts, combos);
    EVALS.put(model, e);
    return e;
  }

  static Sampled sample(CompositionConfig c, Energy e, long stream) {
    Rng rng = new Rng(stream);
    Kernel k = Kernels.mala(c.stepSize()).fresh();
    Chains ch = k.init(e, confinement(c).sample(c.chains(), rng.split()));
    double acc = 0;
    for (int t = 0; t < c.samplingSteps(); t++) {
      acc += k.step(e, ch, rng).acceptance();
    }
    double r = box(c);
    GridDensity g = GridDensity.of(e, new double[] {-r, -r}, new double[] {r, r}, c.gridPoints());
    return new Sampled(e, ch.positions().dup(), acc / c.samplingSteps(), g);
  }

  /** Fraction of the samples passing every test (any test when {@code any}). */
  static double fraction(CompositionConfig c, INDArray samples, List<String> tests, boolean any) {
    DoubleBuffer b = Batches.buffer(samples);
    int n = (int) samples.rows();
    int pass = 0;
    for (int i = 0; i < n; i++) {
      pass += passes(c, tests, any, b.get(2 * i), b.get(2 * i + 1)) ? 1 : 0;
    }
    return (double) pass / n;
  }

  /** Mass of the grid density passing every test (any when {@code any}). */
  static double gridMass(CompositionConfig c, GridDensity g, List<String> tests, boolean any) {
    return g.masses(p -> passes(c, tests, any, p[0], p[1]) ? 1 : 0, 2)[1];
  }

  private static boolean passes(CompositionConfig c, List<String> tests, boolean any, double x, double y) {
    for (String t : tests) {
      boolean s = satisfies(c, t, x, y);
      if (any && s) {
        return true;
      }
      if (!any && !s) {
        return false;
      }
    }
    return !any;
  }

  private static Metric<CompositionConfig, SumEnergy> eval(Function<Eval, Double> f) {
    return (cell, run) -> f.apply(evaluate(cell.config(), run.model(), cell.seed()));
  }

  @Override
  public Map<String, Metric<CompositionConfig, SumEnergy>> metrics(CompositionConfig c) {
    Map<String, Metric<CompositionConfig, SumEnergy>> m = new LinkedHashMap<>();
    for (String concept : CONCEPTS) {
      m.put(concept + "Alone", eval(e -> fraction(c, e.concepts().get(concept).samples(), List.of(concept), false)));
    }
    for (Combination comb : combinations(c)) {
      for (String t : comb.tests()) {
        m.put(comb.key() + capitalised(t), eval(e -> fraction(c, e.combinations().get(comb.key()).samples(),
            List.of(t), false)));
      }
      m.put(comb.key() + (comb.any() ? "Either" : "All"), eval(e -> fraction(c,
          e.combinations().get(comb.key()).samples(), comb.tests(), comb.any())));
      m.put(comb.key() + "Grid", eval(e -> gridMass(c, e.combinations().get(comb.key()).grid(), comb.tests(),
          comb.any())));
    }
    m.put("acceptance", eval(e -> e.combinations().values().stream().mapToDouble(Sampled::acceptance).average()
        .orElse(Double.NaN)));
    return m;
  }

  @Override
  public Map<String, Function<Runs<CompositionConfig, SumEnergy>, Figure>> figures(CompositionConfig c) {
    Map<String, Function<Runs<CompositionConfig, SumEnergy>, Figure>> f = new LinkedHashMap<>();
    for (String kind : c.models()) {
      f.put("compositions-" + kind, runs -> {
        Trial<CompositionConfig, SumEnergy> t = runs.first(kind).orElseThrow();
        Eval e = evaluate(c, t.run().model(), t.cell().seed());
        List<Landscape.Panel> panels = new ArrayList<>();
        for (Combination comb : combinations(c)) {
          Sampled s = e.combinations().get(comb.key());
          double frac = fraction(c, s.samples(), comb.tests(), comb.any());
          panels.add(new Landscape.Panel(s.grid(), String.format(java.util.Locale.ROOT, "%s: %.2f %s",
              comb.title(), frac, comb.any() ? "in either" : "in all"), Batches.toArray(s.samples()), null));
        }
        return Landscape.panels(kind + " concepts combined, " + c.chains() + " MALA samples each, T = "
            + c.temperature() + " (seed " + t.cell().seed() + ")", panels);
      });
      f.put("concepts-" + kind, runs -> {
        Trial<CompositionConfig, SumEnergy> t = runs.first(kind).orElseThrow();
        Eval e = evaluate(c, t.run().model(), t.cell().seed());
        List<Landscape.Panel> panels = new ArrayList<>();
        for (String concept : CONCEPTS) {
          Sampled s = e.concepts().get(concept);
          panels.add(new Landscape.Panel(s.grid(), String.format(java.util.Locale.ROOT, "%s: %.2f in concept",
              concept, fraction(c, s.samples(), List.of(concept), false)), Batches.toArray(s.samples()), null));
        }
        return Landscape.panels("Learned " + kind + " concept densities with MALA samples (seed " + t.cell().seed()
            + ")", panels);
      });
    }
    f.put("contrast", runs -> {
      XYChart ch = Plots.chart("Energy outside minus inside each concept during PCD (" + Plots.over(runs.seeds())
          + ")", "training step", "mean E(outside) - mean E(inside)");
      for (Trial<CompositionConfig, SumEnergy> t : runs.trials()) {
        for (String concept : CONCEPTS) {
          Plots.add(ch, t.arm().label() + " " + concept + " seed " + t.cell().seed(), t.run().history(), "step",
              "contrast" + capitalised(concept));
        }
      }
      return Figure.of(ch);
    });
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("dataSize", "200", "hidden", "8", "steps", "10", "batchSize", "50", "walkers", "100", "chains",
        "100", "samplingSteps", "20", "gridPoints", "31", "logEvery", "5", "models", "parametric,mlp");
  }

  @Override
  public String report(CompositionConfig c) {
    return "Concepts: 'left' (x < 0) and 'upper' (y > 0) cut from N(0, " + c.spread() + "^2 I), 'ring' of radius "
        + c.ringRadius() + " (radial sd " + c.ringWidth() + "), " + c.dataSize() + " samples each. Each concept is"
        + " trained alone by PCD (" + c.walkers() + " ULA walkers, h = " + c.pcdStepSize() + ", " + c.steps() + " Adam"
        + " steps), as one arm per model family in " + c.models() + ": 'parametric' = softplus(w . x + b) for a half"
        + " plane or (|x| - r)^2 / 2 sigma^2 for the ring, plus a trained Gaussian (lr " + c.learningRate() + ");"
        + " 'mlp' = an MLP " + c.hidden() + " plus a fixed N(0, " + c.confine() + "^2 I) (lr " + c.mlpLearningRate()
        + "). Combinations: AND ="
        + " sum of energies, OR = -logsumexp(-E1, -E2), AND NOT = E1 - " + c.alpha() + " E2, all at temperature "
        + c.temperature() + ", each sampled by " + c.chains() + " MALA chains of " + c.samplingSteps() + " steps (h = "
        + c.stepSize() + "). Columns: the fraction of samples in each concept involved (ring: within " + c.band()
        + " of the radius; 'Right' = NOT left), in all of them (Either for OR), and the same mass read off the grid"
        + " density (Grid).\n\nExpected: AND puts most samples in both concepts, AND NOT removes the negated one, OR"
        + " covers the union.";
  }
}
