package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.experiment.Gmm50dConfig;
import io.ebm4j.experiment.Gmm50dStudy;
import io.ebm4j.experiment.Mlp2dConfig;
import io.ebm4j.experiment.Mlp2dStudy;
import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.experiment.TwoWellsStudy;
import io.ebm4j.study.Result;
import io.ebm4j.study.Sweep;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;

/**
 * Every figure of every study, rendered at tiny settings with two seeds where the study aggregates over seeds: each
 * has a title, axis titles and a legend naming its series (or is a drawing with a title), each method has its one
 * colour, and each exports as a well-formed PNG (at the stated scale), SVG and PDF.
 */
class FigurePropertiesTest {
  private static final Map<String, Figure> FIGURES = new LinkedHashMap<>();
  private static Result twoWells;

  @BeforeAll
  static void renderEveryStudyAtTinySettings() {
    twoWells = new TwoWellsStudy().run(Sweep.of(TwoWellsConfig.defaults().with("steps", 20).with("walkers", 200)
        .with("dataSize", 200)).seeds(0, 1));
    Result gmm = new Gmm50dStudy().run(Sweep.of(Gmm50dConfig.defaults().with("steps", 20).with("walkers", 200)
        .with("dataSize", 200)).seeds(0, 1));
    Result mlp = new Mlp2dStudy().run(Sweep.of(Mlp2dConfig.defaults().with("steps", 10).with("walkers", 200)
        .with("dataSize", 500).with("gridPoints", 41)).seeds(0, 1));
    for (Result r : List.of(twoWells, gmm, mlp)) {
      r.figures().forEach((k, f) -> FIGURES.put(r.name() + "/" + k, f));
    }
  }

  @Test
  void everyStudyDrawsItsFigures() {
    assertTrue(FIGURES.keySet().containsAll(List.of("two-wells/mass-of-b-q0-0.5", "two-wells/mass-of-b-q0-0.2",
        "two-wells/walkers-q0-0.2", "two-wells/jarzynski-ess", "two-wells/jarzynski-logz-error", "gmm-50d/weight-b",
        "gmm-50d/mean-errors", "gmm-50d/kl", "mlp-2d/weight-error", "mlp-2d/kl", "mlp-2d/landscapes",
        "mlp-2d/landscape-target", "mlp-2d/landscape-pcd", "mlp-2d/landscape-jarzynski")), FIGURES.keySet()
        .toString());
  }

  @Test
  void everyChartHasATitleAxisTitlesAndALegendNamingItsSeries() {
    int charts = 0;
    for (var en : FIGURES.entrySet()) {
      Figure f = en.getValue();
      assertFalse(f.title().isBlank(), en.getKey() + ": title");
      if (!f.isChart()) {
        continue;
      }
      charts++;
      XYChart c = f.xy();
      assertFalse(c.getXAxisTitle().isBlank(), en.getKey() + ": x axis title");
      assertFalse(c.getYAxisTitle().isBlank(), en.getKey() + ": y axis title");
      assertTrue(c.getStyler().isLegendVisible(), en.getKey() + ": legend visible");
      long named = c.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).filter(s -> {
        assertFalse(s.getName().isBlank(), en.getKey() + ": a legend entry without a name");
        return true;
      }).count();
      assertTrue(named >= 1, en.getKey() + ": named series in the legend: " + named);
    }
    assertEquals(11, charts, "charts among the figures (two-wells 6, gmm-50d 3, mlp-2d 2)");
  }

  @Test
  void logAxesSayHowZerosAreDrawnAndHoldOnlyPositiveValues() {
    for (String k : List.of("two-wells/jarzynski-logz-error", "gmm-50d/mean-errors", "gmm-50d/kl",
        "mlp-2d/weight-error", "mlp-2d/kl")) {
      XYChart c = FIGURES.get(k).xy();
      assertTrue(c.getStyler().isYAxisLogarithmic(), k);
      assertTrue(c.getYAxisTitle().contains("log scale") && c.getYAxisTitle().contains("floored")
          || c.getYAxisTitle().contains("drawn at"), k + ": " + c.getYAxisTitle());
      for (XYSeries s : c.getSeriesCollection()) {
        for (double v : s.getYData()) {
          assertTrue(Double.isNaN(v) || v > 0, k + " / " + s.getName() + ": " + v);
        }
      }
    }
  }

  @Test
  void eachMethodHasItsOwnColourAndTwoSeedsDrawABandPerMethod() {
    XYChart mass = twoWells.figure("mass-of-b-q0-0.2").xy();
    assertTrue(mass.getTitle().contains("2 seeds"), mass.getTitle());
    Set<java.awt.Color> colours = new java.util.HashSet<>();
    for (String m : List.of("score-matching", "exact", "cd", "pcd", "jarzynski")) {
      XYSeries s = mass.getSeries(m);
      assertEquals(Palette.of(m).color(), s.getLineColor(), m);
      assertEquals(Palette.of(m).marker(), s.getMarker(), m);
      colours.add(s.getLineColor());
    }
    assertEquals(Palette.of("control").color(), mass.getSeries("control (walkers 50/50)").getLineColor());
    assertEquals(5, colours.size(), "five methods, five colours");
    long bands = mass.getSeriesCollection().stream()
        .filter(s -> s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.PolygonArea).count();
    assertEquals(6, bands, "one band per method (five and the control)");
    // the same method keeps its colour in the other studies' figures
    XYChart kl = FIGURES.get("mlp-2d/kl").xy();
    assertEquals(Palette.of("pcd").color(), kl.getSeries("pcd").getLineColor());
    assertEquals(Palette.of("jarzynski").color(), kl.getSeries("jarzynski").getLineColor());
  }

  @Test
  void everyFigureExportsAsPngAtTheStatedScaleSvgAndPdf() throws Exception {
    var dbf = xml();
    for (var en : FIGURES.entrySet()) {
      Figure f = en.getValue();
      byte[] png = f.png(2);
      assertEquals((byte) 0x89, png[0], en.getKey());
      assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII), en.getKey());
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(2 * f.width(), img.getWidth(), en.getKey() + ": PNG width at scale 2");
      assertEquals(2 * f.height(), img.getHeight(), en.getKey() + ": PNG height at scale 2");
      Document svg = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(f.svg()));
      assertEquals("svg", svg.getDocumentElement().getLocalName(), en.getKey());
      assertNotEquals(0, svg.getElementsByTagNameNS("*", "*").getLength());
      byte[] pdf = f.pdf();
      assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII), en.getKey());
    }
  }

  @Test
  void savingWritesTheFilesAtomically(@TempDir Path dir) throws Exception {
    Figure f = FIGURES.get("mlp-2d/landscapes");
    f.savePng(dir.resolve("l.png"), 2);
    f.saveSvg(dir.resolve("l.svg"));
    f.savePdf(dir.resolve("l.pdf"));
    assertEquals(2 * f.width(), ImageIO.read(dir.resolve("l.png").toFile()).getWidth());
    assertTrue(Files.readString(dir.resolve("l.svg")).contains("<svg"));
    assertTrue(Files.size(dir.resolve("l.pdf")) > 1000);
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
    }
    List<Path> written = twoWells.save(dir.resolve("result"));
    assertTrue(written.contains(dir.resolve("result").resolve("jarzynski-ess.svg").toAbsolutePath()), written
        .toString());
    Document svg = xml().newDocumentBuilder().parse(dir.resolve("result").resolve("mass-of-b-q0-0.5.svg").toFile());
    assertEquals("svg", svg.getDocumentElement().getLocalName());
  }

  /** A namespace-aware parser that does not fetch the SVG DTD named in the DOCTYPE (no network in tests). */
  private static DocumentBuilderFactory xml() throws Exception {
    var dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return dbf;
  }
}
