package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.experiment.TwoWellsStudy;
import io.ebm4j.show.Figure;
import io.ebm4j.study.Result;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * ebm4j's renderers registered, through the same reflective code the IJava kernel sees, on the real
 * {@code jupyter-jvm-basekernel} Renderer IJava uses; each value renders to the MIME bundle a notebook shows.
 */
class IJavaRendererTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private Renderer renderer;

  @BeforeEach
  void registerOnARealRenderer() throws Exception {
    renderer = new Renderer();
    IJavaDisplay.register(renderer);
  }

  private static String data(DisplayData d, String mime) {
    Object v = d.getData(MIMEType.parse(mime));
    return v == null ? null : v.toString();
  }

  /** Decodes base64 PNG, checks the signature and that the image has the expected size. */
  private static void assertPng(String base64, int width, int height) throws Exception {
    assertNotNull(base64, "no image/png");
    byte[] bytes = Base64.getDecoder().decode(base64);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
    var image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
  }

  @Test
  void aTableRendersAsHtmlHoldingItsValuesAndAsText() {
    Table t = Table.create("wells", StringColumn.create("arm", "exact", "pcd"),
        DoubleColumn.create("massOfB", 0.8125, 0.25));
    DisplayData d = renderer.render(t);
    String html = data(d, "text/html");
    assertNotNull(html, "no text/html");
    for (String s : new String[] {"<table", "wells", "arm", "massOfB", "exact", "pcd", "0.8125", "0.2500"}) {
      assertTrue(html.contains(s), s + " missing from " + html);
    }
    assertTrue(data(d, "text/plain").contains("0.8125"), data(d, "text/plain"));
  }

  @Test
  void everyXChartChartTypeRendersAsPng() throws Exception {
    XYChart xy = new XYChartBuilder().width(320).height(200).title("line").build();
    xy.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0, 2});
    CategoryChart bars = new CategoryChartBuilder().width(300).height(180).title("bars").build();
    bars.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
    DisplayData a = renderer.render(xy);
    assertPng(data(a, "image/png"), 320, 200);
    assertEquals("XYChart: line", data(a, "text/plain"));
    DisplayData b = renderer.render(bars);
    assertPng(data(b, "image/png"), 300, 180);
    assertEquals("CategoryChart: bars", data(b, "text/plain"));
  }

  @Test
  void aFigureRendersAsPngWithItsTitle() throws Exception {
    XYChart xy = new XYChartBuilder().width(240).height(160).title("energy").build();
    xy.addSeries("u", new double[] {0, 1}, new double[] {0, 1});
    DisplayData d = renderer.render(Figure.of(xy));
    assertPng(data(d, "image/png"), 240, 160);
    assertEquals("Figure: energy", data(d, "text/plain"));
  }

  @Test
  void aTrainingRunRendersAsItsSummaryAndLastHistoryRow() {
    Run<?> run = Ebm.train(Energies.twoWells(-3, 3)).on(Energies.twoWells(-3, 3).withMassOfB(0.7).sample(200, 1))
        .method(Methods.exact()).steps(10).seed(5).run();
    DisplayData d = renderer.render(run);
    String html = data(d, "text/html");
    assertNotNull(html, "no text/html");
    assertTrue(html.contains("Run: exact, 10 steps") && html.contains("seed 5") && html.contains("<table"), html);
    String logZ = HtmlTable.cell(run.history().column("logZExact"), run.history().rowCount() - 1);
    assertTrue(html.contains(">" + logZ + "<"), logZ + " missing from " + html);
    assertTrue(data(d, "text/plain").startsWith("Run: exact, 10 steps"), data(d, "text/plain"));
  }

  @Test
  void aStudyResultRendersItsSummaryTableAndFiguresAsHtml() throws Exception {
    Result r = new TwoWellsStudy().run(TwoWellsConfig.defaults().with("steps", 10).with("walkers", 100)
        .with("dataSize", 100).with("methods", "exact"));
    DisplayData d = renderer.render(r);
    String html = data(d, "text/html");
    assertNotNull(html, "no text/html");
    assertTrue(html.contains(HtmlTable.escape(r.name())) && html.contains("<table"), html);
    for (String col : r.summary().columnNames()) {
      assertTrue(html.contains(">" + HtmlTable.escape(col) + "<"), col + " missing");
      assertTrue(html.contains(">" + HtmlTable.escape(HtmlTable.cell(r.summary().column(col), 0)) + "<"),
          "value of " + col + " missing");
    }
    int images = html.split("data:image/png;base64,", -1).length - 1;
    assertEquals(Math.min(6, r.figureNames().size()), images);
    assertTrue(images > 0, "no figure in the result's HTML");
    String first = html.substring(html.indexOf("data:image/png;base64,") + 22);
    byte[] png = Base64.getDecoder().decode(first.substring(0, first.indexOf('"')));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
    assertEquals(r.toString(), data(d, "text/plain"));
  }
}
