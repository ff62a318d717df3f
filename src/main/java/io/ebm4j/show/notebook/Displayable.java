package io.ebm4j.show.notebook;

/**
 * A value that knows how notebooks should show it (e.g. a study's result: its headline table and figures). The
 * kernel adapters render any Displayable through {@link #display()}.
 */
public interface Displayable {
  /** What to show. */
  MimeBundle display();
}
