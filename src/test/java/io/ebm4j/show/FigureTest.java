package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Exports of one figure: PNG at a scale with its resolution recorded, SVG and PDF as vectors. */
class FigureTest {
  private static Figure chart() {
    XYChart c = Plots.chart("A title", "training step", "q");
    Plots.styled(c, "pcd", Palette.of("pcd"), new double[] {0, 1, 2}, new double[] {0.05, 0.5, 0.95});
    return Figure.of(c);
  }

  /** Pixels per metre recorded in the PNG's pHYs chunk. */
  private static int pixelsPerMetre(byte[] png) {
    String s = new String(png, StandardCharsets.ISO_8859_1);
    int i = s.indexOf("pHYs");
    assertTrue(i > 0, "the PNG has a pHYs chunk");
    assertEquals(1, png[i + 12], "unit: metre");
    return ByteBuffer.wrap(png, i + 4, 4).getInt();
  }

  @Test
  void pngsHaveScaleTimesThePixelsAndSayTheirResolution() throws Exception {
    Figure f = chart();
    assertEquals(800, f.width());
    byte[] one = f.png(1);
    byte[] two = f.png(2);
    assertEquals(800, ImageIO.read(new ByteArrayInputStream(one)).getWidth());
    assertEquals(1000, ImageIO.read(new ByteArrayInputStream(two)).getHeight());
    assertEquals(2835, pixelsPerMetre(one), "72 dpi");
    assertEquals(5669, pixelsPerMetre(two), "144 dpi");
  }

  @Test
  void chartsExportAsPureVectorSvgAndPdf() throws Exception {
    Figure f = chart();
    var dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    var doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(f.svg()));
    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertEquals("0 0 800 500", doc.getDocumentElement().getAttribute("viewBox"));
    assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 10, "lines and glyphs are SVG paths");
    assertEquals(0, doc.getElementsByTagNameNS("*", "image").getLength(), "no raster inside a chart's SVG");
    assertEquals("%PDF", new String(f.pdf(), 0, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void imagesAndDrawingsExportToo() throws Exception {
    var img = new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Figure i = Figure.of(img, "an image");
    assertEquals(60, ImageIO.read(new ByteArrayInputStream(i.png(2))).getWidth());
    assertTrue(new String(i.svg(), StandardCharsets.UTF_8).contains("<image"), "the SVG embeds the image");
    Figure d = Figure.drawing("a drawing", 40, 30, g -> {
      g.setColor(Color.BLACK);
      g.fillRect(10, 10, 20, 10);
    });
    assertEquals(Color.BLACK.getRGB(), d.image(2).getRGB(40, 30));
    assertEquals(Color.WHITE.getRGB(), d.image(2).getRGB(5, 5));
  }

  @Test
  void badScalesAndSizesAreRejectedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chart().png(0));
    assertEquals("scale must be in (0, 16], got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Figure.drawing("d", 0, 10, g -> { }));
    assertEquals("width and height must be positive, got 0 x 10", e.getMessage());
  }
}
