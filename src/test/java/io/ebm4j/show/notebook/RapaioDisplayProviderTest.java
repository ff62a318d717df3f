package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The rapaio adapter against the real SPI types (rapaio is a provided dependency, on the test class path). */
class RapaioDisplayProviderTest {
  @Test
  void registeredAsAService() {
    List<DisplayProvider> providers = ServiceLoader.load(DisplayProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertTrue(providers.stream().anyMatch(p -> p instanceof RapaioDisplayProvider), providers.toString());
  }

  @Test
  void rendersChartsAsPng() {
    DisplayRenderer r = renderer(ChartImagesTest.chart());
    assertTrue(r.canRender(null) && r.canRender("image/png") && r.canRender("png"));
    assertFalse(r.canRender("text/html"));
    DisplayData d = r.render(null, ChartImagesTest.chart());
    byte[] png = Base64.getDecoder().decode((String) d.data().get("image/png"));
    assertArrayEquals(ChartImagesTest.PNG_MAGIC, Arrays.copyOf(png, 8));
  }

  @Test
  void rendersTablesAsHtml() {
    Table t = Table.create("a&b", DoubleColumn.create("x", 1, 2));
    DisplayRenderer r = renderer(t);
    assertTrue(r.canRender(null) && r.canRender("text/html"));
    DisplayData d = r.render("text/html", t);
    assertEquals(HtmlTable.render(t), d.data().get("text/html"));
    assertTrue(((String) d.data().get("text/plain")).contains("a&b"));
  }

  private static DisplayRenderer renderer(Object value) {
    return new RapaioDisplayProvider().getDisplayRenderers().stream()
        .filter(r -> r.rendererClass().isInstance(value)).findFirst().orElseThrow();
  }
}
