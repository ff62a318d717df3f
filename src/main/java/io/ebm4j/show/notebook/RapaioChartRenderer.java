package io.ebm4j.show.notebook;

import org.knowm.xchart.internal.chartpart.IChart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/** rapaio kernel: an XChart chart as an inline PNG. */
public final class RapaioChartRenderer implements DisplayRenderer {
  @Override
  public Class<?> rendererClass() {
    return IChart.class;
  }

  @Override
  public boolean canRender(String mime) {
    return RapaioDisplayProvider.accepts(mime, MimeBundle.PNG);
  }

  @Override
  public DisplayData render(String mime, Object value) {
    MimeBundle b = MimeBundle.ofChart((IChart) value);
    DisplayData d = DisplayData.withType(MimeBundle.PNG, b.data().get(MimeBundle.PNG));
    d.putText(b.data().get(MimeBundle.TEXT));
    return d;
  }
}
