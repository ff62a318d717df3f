package io.ebm4j.show.notebook;

import io.ebm4j.show.Figure;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/** rapaio kernel: figures as inline PNG, and any {@link Displayable} (e.g. a study's result) as its bundle. */
public final class RapaioDisplayableRenderer implements DisplayRenderer {
  private final Class<?> type;

  RapaioDisplayableRenderer(Class<?> type) {
    this.type = type;
  }

  @Override
  public Class<?> rendererClass() {
    return type;
  }

  @Override
  public boolean canRender(String mime) {
    return RapaioDisplayProvider.accepts(mime, MimeBundle.PNG, MimeBundle.HTML);
  }

  @Override
  public DisplayData render(String mime, Object value) {
    MimeBundle b = value instanceof Figure f ? MimeBundle.ofFigure(f) : ((Displayable) value).display();
    String main = b.data().containsKey(MimeBundle.PNG) ? MimeBundle.PNG : MimeBundle.HTML;
    DisplayData d = DisplayData.withType(main, b.data().get(main));
    d.putText(b.data().getOrDefault(MimeBundle.TEXT, ""));
    return d;
  }
}
