package io.ebm4j.show.notebook;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import tech.tablesaw.api.Table;

/** rapaio kernel: a Tablesaw table as HTML (first {@link HtmlTable#DEFAULT_MAX_ROWS} rows). */
public final class RapaioTableRenderer implements DisplayRenderer {
  @Override
  public Class<?> rendererClass() {
    return Table.class;
  }

  @Override
  public boolean canRender(String mime) {
    return RapaioDisplayProvider.accepts(mime, MimeBundle.HTML, MimeBundle.TEXT);
  }

  @Override
  public DisplayData render(String mime, Object value) {
    MimeBundle b = MimeBundle.ofTable((Table) value, HtmlTable.DEFAULT_MAX_ROWS);
    DisplayData d = DisplayData.fromHtml(b.data().get(MimeBundle.HTML));
    d.putText(b.data().get(MimeBundle.TEXT));
    return d;
  }
}
