package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartImagesTest {
  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static XYChart chart() {
    XYChart c = new XYChartBuilder().width(320).height(200).title("t").build();
    c.addSeries("s", new double[] {0, 1, 2}, new double[] {0, 1, 4});
    return c;
  }

  @Test
  void pngStartsWithTheMagicBytesAndHasTheChartSize() throws Exception {
    byte[] png = ChartImages.png(chart());
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(320, img.getWidth());
    assertEquals(200, img.getHeight());
  }

  @Test
  void base64DecodesToPng() {
    byte[] png = Base64.getDecoder().decode(ChartImages.pngBase64(chart()));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
  }

  @Test
  void bundleOfChartIsPngWithATitle() {
    MimeBundle b = MimeBundle.of(chart()).orElseThrow();
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Base64.getDecoder().decode(b.data().get(MimeBundle.PNG)), 8));
    assertEquals("XYChart: t", b.data().get(MimeBundle.TEXT));
    assertTrue(MimeBundle.of("a string").isEmpty());
  }
}
