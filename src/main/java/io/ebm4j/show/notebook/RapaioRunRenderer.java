package io.ebm4j.show.notebook;

import io.ebm4j.train.Run;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/** rapaio kernel: a training {@link Run} as a compact HTML summary (see {@link MimeBundle#ofRun}). */
public final class RapaioRunRenderer implements DisplayRenderer {
  @Override
  public Class<?> rendererClass() {
    return Run.class;
  }

  @Override
  public boolean canRender(String mime) {
    return RapaioDisplayProvider.accepts(mime, MimeBundle.HTML, MimeBundle.TEXT);
  }

  @Override
  public DisplayData render(String mime, Object value) {
    MimeBundle b = MimeBundle.ofRun((Run<?>) value);
    DisplayData d = DisplayData.fromHtml(b.data().get(MimeBundle.HTML));
    d.putText(b.data().get(MimeBundle.TEXT));
    return d;
  }
}
