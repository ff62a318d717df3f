package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.show.Figure;
import io.ebm4j.show.Palette;
import io.ebm4j.study.Config;
import io.ebm4j.study.LocalEngine;
import io.ebm4j.study.Result;
import io.ebm4j.study.Runner;
import io.ebm4j.study.Studies;
import io.ebm4j.study.Study;
import io.ebm4j.study.Sweep;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;

/**
 * Every registered study's figures, at its quick settings with two seeds, are fit for a paper: each has a title;
 * each chart has axis titles, a visible legend naming its series, tick labels that start with a digit (0.05 or
 * 5E-2, not .05), no yellow on white, and the project's colour for every series named after a method (two methods
 * in one chart never share one); each exports as PNG at twice its size and as SVG.
 */
class EveryStudyFiguresTest {
  @TestFactory
  Stream<DynamicTest> everyStudysFiguresHaveTitlesAxesLegendsAndExport() {
    return Studies.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(Studies.get(name))));
  }

  private static <C extends Record & Config<C>> void check(Study<C, ?> study) throws Exception {
    C quick = study.defaults().with(study.quickSettings());
    Result r = Runner.of(study).engine(LocalEngine.threads(1)).run(Sweep.of(quick).seeds(0, 1));
    Map<String, Figure> figures = r.figures();
    assertFalse(figures.isEmpty(), study.name() + " draws figures");
    for (var en : figures.entrySet()) {
      String where = study.name() + "/" + en.getKey();
      Figure f = en.getValue();
      assertFalse(f.title() == null || f.title().isBlank(), where + ": title");
      if (f.chart().orElse(null) instanceof XYChart xy) {
        checkChart(where, xy);
      } else if (f.chart().orElse(null) instanceof CategoryChart bars) {
        checkBars(where, bars);
      }
      byte[] png = f.png(2);
      var img = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(2 * f.width(), img.getWidth(), where + ": PNG at scale 2");
      String svg = new String(f.svg(), StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), where + ": SVG");
    }
  }

  private static void checkBars(String where, CategoryChart c) {
    assertFalse(c.getXAxisTitle() == null || c.getXAxisTitle().isBlank(), where + ": x axis title");
    assertFalse(c.getYAxisTitle() == null || c.getYAxisTitle().isBlank(), where + ": y axis title");
    assertTrue(c.getStyler().isLegendVisible(), where + ": legend visible");
    long named = c.getSeriesCollection().stream().filter(CategorySeries::isShowInLegend).peek(s ->
        assertFalse(s.getName().isBlank(), where + ": a legend entry without a name")).count();
    assertTrue(named >= 1, where + ": series named in the legend: " + named);
  }

  private static void checkChart(String where, XYChart c) {
    assertFalse(c.getXAxisTitle() == null || c.getXAxisTitle().isBlank(), where + ": x axis title");
    assertFalse(c.getYAxisTitle() == null || c.getYAxisTitle().isBlank(), where + ": y axis title");
    assertTrue(c.getStyler().isLegendVisible(), where + ": legend visible");
    long named = c.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).peek(s ->
        assertFalse(s.getName().isBlank(), where + ": a legend entry without a name")).count();
    assertTrue(named >= 1, where + ": series named in the legend: " + named);
    for (String pattern : new String[] {c.getStyler().getXAxisDecimalPattern(),
        c.getStyler().getYAxisDecimalPattern()}) {
      if (pattern != null) {
        String label = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(0.05);
        assertTrue(Character.isDigit(label.charAt(0)), where + ": tick pattern " + pattern + " writes 0.05 as " + label);
      }
    }
    Map<Color, String> methodColours = new java.util.HashMap<>();
    for (XYSeries s : c.getSeriesCollection()) {
      if (Palette.isMethod(s.getName()) && s.isShowInLegend()) {
        String other = methodColours.putIfAbsent(Palette.of(s.getName()).color(), s.getName());
        assertTrue(other == null || other.equals(s.getName()), where + ": " + other + " and " + s.getName()
            + " share a colour");
      }
      Color col = s.getLineColor() != null ? s.getLineColor() : s.getFillColor();
      if (col != null) {
        assertFalse(col.getRed() > 200 && col.getGreen() > 200 && col.getBlue() < 120,
            where + " / " + s.getName() + ": yellow on white " + col);
      }
      if (Palette.isMethod(s.getName()) && s.getLineColor() != null) {
        assertEquals(Palette.of(s.getName()).color(), s.getLineColor(), where + " / " + s.getName()
            + ": the method's colour");
      }
    }
  }
}
