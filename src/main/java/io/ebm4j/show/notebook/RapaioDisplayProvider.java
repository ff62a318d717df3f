package io.ebm4j.show.notebook;

import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Registers ebm4j's renderers with the rapaio Java kernel. The kernel finds this class through
 * {@code META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider} when a notebook adds ebm4j to
 * its class path ({@code %dependency /add io.ebm4j:ebm4j:VERSION}); nothing else refers to it, so the library runs
 * without rapaio.
 */
public final class RapaioDisplayProvider implements DisplayProvider {
  @Override
  public List<DisplayRenderer> getDisplayRenderers() {
    return List.of(new RapaioChartRenderer(), new RapaioTableRenderer(), new RapaioRunRenderer(),
        new RapaioDisplayableRenderer(io.ebm4j.show.Figure.class), new RapaioDisplayableRenderer(Displayable.class));
  }

  @Override
  public List<DisplayTransformer> getDisplayTransformers() {
    return List.of();
  }

  /** Whether a rapaio request for MIME type mime (null or blank: the kernel's default) is one of ours. */
  static boolean accepts(String mime, String... ours) {
    if (mime == null || mime.isBlank()) {
      return true;
    }
    String m = mime.trim().toLowerCase(java.util.Locale.ROOT);
    for (String o : ours) {
      if (m.equals(o) || m.equals(o.substring(o.indexOf('/') + 1))) {
        return true;
      }
    }
    return false;
  }
}
