package io.ebm4j.experiment;

import io.ebm4j.discrete.DenoisingPosterior;
import io.ebm4j.discrete.DiscreteKernels;
import io.ebm4j.discrete.GraphCutMap;
import io.ebm4j.discrete.IteratedConditionalModes;
import io.ebm4j.discrete.MapEstimate;
import io.ebm4j.discrete.SimulatedAnnealing;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.show.Figure;
import io.ebm4j.show.ImageGrid;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Run;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Binary image denoising with an Ising prior, the classic MAP example (S. Geman and D. Geman, "Stochastic
 * Relaxation, Gibbs Distributions, and the Bayesian Restoration of Images", IEEE TPAMI 6(6), 1984,
 * https://doi.org/10.1109/TPAMI.1984.4767596). A clean image x in {-1, +1}^{h x w} is seen through a channel that
 * flips each pixel with probability p; the posterior is exp(-U(x | y)) / Z with
 *
 * <pre>
 *   U(x | y) = - J sum_{neighbours i~j} x_i x_j - h sum_i x_i y_i,      h = (1/2) log((1 - p) / p)
 * </pre>
 *
 * ({@link DenoisingPosterior}), and the restoration is its mode, found three ways: iterated conditional modes from y
 * (J. Besag, JRSS-B 48(3), 1986: a local minimum), simulated annealing with checkerboard Gibbs sweeps (Geman and
 * Geman), and the exact minimum by one minimum s-t cut (D. M. Greig, B. T. Porteous, A. H. Seheult, "Exact Maximum A
 * Posteriori Estimation for Binary Images", JRSS-B 51(2), 1989, https://doi.org/10.1111/j.2517-6161.1989.tb01764.x).
 * The noise is drawn from the seed; each arm keeps its restored image as the run's single walker.
 *
 * <pre>{@code
 * Result r = new IsingDenoiseStudy().run(Sweep.of(IsingDenoiseConfig.defaults()).seeds(0, 1, 2));
 * r.figure("images");
 * }</pre>
 */
public final class IsingDenoiseStudy implements Study<IsingDenoiseConfig, DenoisingPosterior> {
  /** The graph cut's minimum energy per data set, for the energyAboveMinimum metric of every arm. */
  private static final Map<INDArray, Double> MINIMA = java.util.Collections.synchronizedMap(
      new java.util.WeakHashMap<>());

  @Override
  public String name() {
    return "ising-denoise";
  }

  @Override
  public String description() {
    return "Geman & Geman 1984 / Greig et al. 1989: binary image denoising with an Ising prior, ICM vs annealed"
        + " Gibbs vs exact MAP by graph cut";
  }

  @Override
  public IsingDenoiseConfig defaults() {
    return IsingDenoiseConfig.defaults();
  }

  /** Height and width of the configuration's image. */
  public static int[] shape(IsingDenoiseConfig c) {
    return IsingDenoiseImages.shapeOf(c.image(), c.size());
  }

  /** Rows: the clean image, then the noisy one ([2, h*w]); the noise is drawn from the seed. */
  @Override
  public INDArray data(IsingDenoiseConfig c, int seed) {
    INDArray clean = IsingDenoiseImages.of(c.image(), c.size());
    INDArray noisy = DenoisingPosterior.corrupt(clean, c.flipProbability(),
        new Rng(Seeds.stream(name(), "noise", seed)));
    return Nd4j.vstack(clean, noisy);
  }

  /** The clean image of a cell's data, [1, h*w]. */
  public static INDArray clean(INDArray data) {
    return data.getRow(0).dup().reshape(1, data.columns());
  }

  /** The noisy image of a cell's data, [1, h*w]. */
  public static INDArray noisy(INDArray data) {
    return data.getRow(1).dup().reshape(1, data.columns());
  }

  /** The posterior U(x | y) of a configuration given the noisy image of data. */
  public static DenoisingPosterior posterior(IsingDenoiseConfig c, INDArray data) {
    int[] hw = shape(c);
    return DenoisingPosterior.of(noisy(data), hw[0], hw[1], c.coupling(), c.dataField());
  }

  /** Fraction of pixels where a and b [1, n] differ. */
  public static double pixelError(INDArray a, INDArray b) {
    double[] x = Batches.toArray(a);
    double[] y = Batches.toArray(b);
    if (x.length != y.length) {
      throw new IllegalArgumentException("images must have the same number of pixels, got " + x.length + " and "
          + y.length);
    }
    int wrong = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        wrong++;
      }
    }
    return wrong / (double) x.length;
  }

  /** Runs one method on the posterior of a cell's data: the restoration (lowest energy found) and its trace. */
  public static MapEstimate restore(IsingDenoiseConfig c, String method, DenoisingPosterior post, long seed) {
    INDArray y = post.observed();
    return switch (method) {
      case "icm" -> IteratedConditionalModes.minimize(post, y);
      case "annealed-gibbs" -> annealing(c, post).minimize(y.repeat(0, c.chains()), new Rng(seed));
      case "graph-cut" -> GraphCutMap.minimize(post.grid());
      default -> throw new IllegalArgumentException("method must be among " + IsingDenoiseConfig.METHODS + ", got '"
          + method + "'");
    };
  }

  /** The configuration's annealing schedule over checkerboard Gibbs on U(x | y) / T. */
  public static SimulatedAnnealing<io.ebm4j.discrete.IsingGrid> annealing(IsingDenoiseConfig c,
      DenoisingPosterior post) {
    return SimulatedAnnealing.of(DiscreteKernels.checkerboard(), post::atTemperature)
        .temperatures(c.startTemperature(), c.endTemperature()).sweeps(c.sweeps());
  }

  @Override
  public List<Arm<IsingDenoiseConfig, DenoisingPosterior>> arms(IsingDenoiseConfig c) {
    List<Arm<IsingDenoiseConfig, DenoisingPosterior>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      arms.add(Arm.<IsingDenoiseConfig, DenoisingPosterior>custom(m, cell -> posterior(c, cell.data()),
          (cell, post, label, progress) -> run(c, m, cell, post, label)));
    }
    return arms;
  }

  private static Run<DenoisingPosterior> run(IsingDenoiseConfig c, String method, Cell<IsingDenoiseConfig> cell,
      DenoisingPosterior post, String label) {
    long t0 = System.nanoTime();
    MapEstimate m = restore(c, method, post, cell.stream("annealing"));
    double seconds = (System.nanoTime() - t0) * 1e-9;
    int rows = m.sweeps() + 1;
    int[] step = new int[rows];
    double[] energy = new double[rows];
    double[] temperature = new double[rows];
    energy[0] = post.energy(post.observed()).getDouble(0);
    temperature[0] = Double.NaN;
    for (int k = 1; k < rows; k++) {
      step[k] = k;
      energy[k] = m.trace()[k - 1];
      temperature[k] = method.equals("annealed-gibbs") ? annealing(c, post).temperature(k - 1) : Double.NaN;
    }
    if (m.sweeps() == 0) {
      step = new int[] {0, 1};
      energy = new double[] {energy[0], m.bestEnergy()};
      temperature = new double[] {Double.NaN, Double.NaN};
    }
    Table h = Table.create(label);
    h.addColumns(IntColumn.create("step", step), DoubleColumn.create("energy", energy),
        DoubleColumn.create("temperature", temperature));
    Chains restored = Chains.of(m.best(), post.dim(), false);
    restored.refresh(post);
    Map<String, String> prov = new LinkedHashMap<>(c.settings());
    prov.put("method", method);
    prov.put("h", String.valueOf(c.dataField()));
    return new Run<>(h, post, restored, seconds, prov);
  }

  @Override
  public Map<String, Metric<IsingDenoiseConfig, DenoisingPosterior>> metrics(IsingDenoiseConfig c) {
    Map<String, Metric<IsingDenoiseConfig, DenoisingPosterior>> m = new LinkedHashMap<>();
    m.put("noisyError", (cell, run) -> pixelError(noisy(cell.data()), clean(cell.data())));
    m.put("pixelError", (cell, run) -> pixelError(run.walkers().positions(), clean(cell.data())));
    m.put("noisyEnergy", (cell, run) -> run.model().energy(noisy(cell.data())).getDouble(0));
    m.put("cleanEnergy", (cell, run) -> run.model().energy(clean(cell.data())).getDouble(0));
    m.put("energy", (cell, run) -> run.walkers().energies().getDouble(0));
    m.put("energyAboveMinimum", (cell, run) -> run.walkers().energies().getDouble(0)
        - MINIMA.computeIfAbsent(cell.data(), d -> GraphCutMap.minimize(run.model().grid()).bestEnergy()));
    m.put("sweeps", (cell, run) -> cell.arm().equals("graph-cut") ? 0 : run.history().intColumn("step").max());
    return m;
  }

  @Override
  public Map<String, Function<Runs<IsingDenoiseConfig, DenoisingPosterior>, Figure>> figures(IsingDenoiseConfig c) {
    Map<String, Function<Runs<IsingDenoiseConfig, DenoisingPosterior>, Figure>> f = new LinkedHashMap<>();
    f.put("images", runs -> images(c, runs));
    f.put("pixel-error", runs -> Figure.of(errorChart(c, runs)));
    f.put("energy", runs -> Figure.of(energyChart(c, runs)));
    return f;
  }

  private static Figure images(IsingDenoiseConfig c, Runs<IsingDenoiseConfig, DenoisingPosterior> runs) {
    int[] hw = shape(c);
    int seed = runs.firstSeed();
    List<String> captions = new ArrayList<>();
    List<INDArray> rows = new ArrayList<>();
    Trial<IsingDenoiseConfig, DenoisingPosterior> any = runs.trials().stream()
        .filter(t -> t.cell().seed() == seed).findFirst().orElseThrow();
    INDArray data = any.cell().data();
    rows.add(clean(data));
    captions.add("clean");
    rows.add(noisy(data));
    captions.add(String.format(Locale.ROOT, "noisy (%.1f%%)", 100 * pixelError(noisy(data), clean(data))));
    for (String m : c.methods()) {
      runs.first(m, t -> t.cell().seed() == seed).ifPresent(t -> {
        rows.add(t.run().walkers().positions());
        captions.add(String.format(Locale.ROOT, "%s (%.2f%%)", m, 100 * t.metric("pixelError")));
      });
    }
    int scale = Math.max(1, Math.min(4, 192 / hw[0]));
    List<BufferedImage> panels = new ArrayList<>();
    for (INDArray r : rows) {
      panels.add(ImageGrid.of(r, hw[0], hw[1]).columns(1).scale(scale).range(-1, 1).render());
    }
    int columns = hw[1] > 1.5 * hw[0] ? 2 : panels.size();
    int pw = panels.get(0).getWidth();
    int ph = panels.get(0).getHeight();
    int top = 28;
    int caption = 20;
    int gap = 8;
    int gridRows = (panels.size() + columns - 1) / columns;
    String title = String.format(Locale.ROOT, "Denoising, p = %.2f, J = %.2f, h = %.3f (seed %d)", c.flipProbability(),
        c.coupling(), c.dataField(), seed);
    int width = Math.max(columns * (pw + gap), 480);
    int height = top + gridRows * (ph + caption);
    return Figure.drawing(title, width, height, g -> {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(title, 4, 18);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (int k = 0; k < panels.size(); k++) {
        int x0 = (k % columns) * (pw + gap);
        int y0 = top + (k / columns) * (ph + caption);
        g.drawImage(panels.get(k), x0, y0, null);
        g.drawString(captions.get(k), x0 + 3, y0 + ph + 14);
      }
    });
  }

  private static CategoryChart errorChart(IsingDenoiseConfig c, Runs<IsingDenoiseConfig, DenoisingPosterior> runs) {
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title(String.format(Locale.ROOT, "Pixel error per method, p = %.2f (mean and sd over %d seed%s)",
            c.flipProbability(), runs.seeds().size(), runs.seeds().size() == 1 ? "" : "s"))
        .xAxisTitle("method").yAxisTitle("fraction of pixels wrong").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    List<String> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Double> es = new ArrayList<>();
    String firstArm = c.methods().get(0);
    addBar(xs, ys, es, "noisy", runs.arm(firstArm).stream().mapToDouble(t -> t.metric("noisyError")).toArray());
    for (String m : c.methods()) {
      addBar(xs, ys, es, m, runs.arm(m).stream().mapToDouble(t -> t.metric("pixelError")).toArray());
    }
    chart.addSeries("pixel error", xs, ys, es);
    return chart;
  }

  private static void addBar(List<String> xs, List<Double> ys, List<Double> es, String name, double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
    double var = java.util.Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, v.length - 1);
    xs.add(name);
    ys.add(mean);
    es.add(Math.sqrt(var));
  }

  private static XYChart energyChart(IsingDenoiseConfig c, Runs<IsingDenoiseConfig, DenoisingPosterior> runs) {
    int seed = runs.firstSeed();
    XYChart chart = Plots.chart(String.format(Locale.ROOT, "Energy above the graph-cut minimum, p = %.2f (seed %d)",
        c.flipProbability(), seed), "sweep", "U(x | y) - U(MAP) (at least 0.1)");
    double map = runs.first("graph-cut", t -> t.cell().seed() == seed).map(t -> t.metric("energy"))
        .orElseGet(() -> runs.trials().stream().filter(t -> t.cell().seed() == seed)
            .mapToDouble(t -> t.metric("energy")).min().orElse(0));
    int maxStep = 1;
    for (String m : c.methods()) {
      if (m.equals("graph-cut")) {
        continue;
      }
      var t = runs.first(m, tr -> tr.cell().seed() == seed);
      if (t.isEmpty()) {
        continue;
      }
      Table h = t.get().run().history();
      double[] x = h.numberColumn("step").asDoubleArray();
      double[] y = h.numberColumn("energy").asDoubleArray();
      for (int i = 0; i < y.length; i++) {
        x[i] = Math.max(x[i], 0.5);
        y[i] = Math.max(y[i] - map, 0.1);
      }
      maxStep = Math.max(maxStep, (int) x[x.length - 1]);
      chart.addSeries(m.equals("annealed-gibbs") && c.chains() > 1 ? m + " (mean of " + c.chains() + " chains)" : m,
          x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }
    Plots.reference(chart, "graph cut (exact minimum)", 0.5, maxStep, 0.1);
    chart.getStyler().setXAxisLogarithmic(true);
    return Plots.logY(chart);
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("size", "32", "sweeps", "100", "chains", "2");
  }

  @Override
  public String report(IsingDenoiseConfig c) {
    int[] hw = shape(c);
    return String.format(Locale.ROOT, "Image: %s, %d x %d pixels in {-1, +1}, each flipped with probability p = %.2f"
        + " (drawn from the seed). Posterior energy U(x | y) = -J sum x_i x_j - h sum x_i y_i with J = %.3f and"
        + " h = %.4f%s. Methods: ICM from y until a sweep changes nothing; simulated annealing with checkerboard Gibbs,"
        + " %d sweeps from T = %.2f to %.3f geometrically, %d chains from y (the lowest final energy kept); the exact"
        + " minimum by a minimum s-t cut (JGraphT Boykov-Kolmogorov max-flow). Look for every method lowering the pixel"
        + " error (noisyError -> pixelError), for the graph cut's energy being the lowest (annealing close to it, ICM"
        + " stuck above), and for cleanEnergy above the minimum: the MAP state is not the clean image, so a lower"
        + " energy need not mean a lower pixel error.", c.image(), hw[0], hw[1], c.flipProbability(), c.coupling(),
        c.dataField(), c.field() > 0 ? "" : " = (1/2) log((1 - p) / p)", c.sweeps(), c.startTemperature(),
        c.endTemperature(), c.chains());
  }
}
