package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageGridTest {
  private static int grey(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xff;
  }

  @Test
  void tilesFillTheGridRowByRowWithPixelsScaledAndValuesMappedToGrey() {
    // three 2x2 tiles: tile 1 has a single white pixel at (row 1, col 0)
    INDArray images = Batches.vector(0, 0, 0, 0, 0, 0, 1, 0, 0.5, 0.5, 0.5, 0.5).reshape(3, 4);
    BufferedImage img = ImageGrid.of(images, 2, 2).columns(2).scale(3).render();
    int tile = 2 * 3 + 1;
    assertEquals(2 * tile + 1, img.getWidth());
    assertEquals(2 * tile + 1, img.getHeight());
    assertEquals(0, grey(img, 1, 1), "tile 0 is black");
    assertEquals(255, grey(img, 1 + tile + 0 * 3 + 1, 1 + 1 * 3 + 1), "tile 1, row 1, col 0 is white");
    assertEquals(0, grey(img, 1 + tile + 1 * 3 + 1, 1 + 1 * 3 + 1), "tile 1, row 1, col 1 is black");
    assertEquals(128, grey(img, 1 + 1, 1 + tile + 1), "tile 2 (second grid row) is mid-grey");
  }

  @Test
  void eachOwnRangeStretchesEveryTileFromItsMinimumToItsMaximum() {
    INDArray images = Batches.vector(-3, -1, 5, 7).reshape(2, 2);
    BufferedImage img = ImageGrid.of(images, 1, 2).columns(1).scale(1).eachOwnRange().render();
    assertEquals(0, grey(img, 1, 1));
    assertEquals(255, grey(img, 2, 1));
    assertEquals(0, grey(img, 1, 3));
    assertEquals(255, grey(img, 2, 3));
  }

  @Test
  void badInputNamesTheParameter() {
    INDArray images = Batches.zeros(2, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 3, 3));
    assertTrue(e.getMessage().contains("images"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 2, 2).scale(0));
    assertTrue(e.getMessage().contains("scale") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 2, 2).range(1, 1));
    assertTrue(e.getMessage().contains("range"), e.getMessage());
  }
}
