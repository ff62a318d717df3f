package io.ebm4j.show;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look per method across every figure: the colour-blind-safe palette of Okabe and Ito ("Color Universal Design",
 * https://jfly.uni-koeln.de/color/, 2008; yellow left out, it vanishes on white), a dash pattern and a marker, so that
 * a method is recognised from figure to figure and curves that coincide stay visible (different dashes, markers at
 * staggered points).
 *
 * <pre>{@code
 * Palette.Style s = Palette.of("jarzynski");     // blue, solid, circles
 * Palette.of("pcd").color();                      // vermillion
 * Palette.of(2);                                  // the third style, for series that are not methods
 * }</pre>
 */
public final class Palette {
  /** Okabe-Ito black. */
  public static final Color BLACK = new Color(0x000000);
  /** Okabe-Ito orange. */
  public static final Color ORANGE = new Color(0xE69F00);
  /** Okabe-Ito sky blue. */
  public static final Color SKY_BLUE = new Color(0x56B4E9);
  /** Okabe-Ito bluish green. */
  public static final Color BLUISH_GREEN = new Color(0x009E73);
  /** Okabe-Ito blue. */
  public static final Color BLUE = new Color(0x0072B2);
  /** Okabe-Ito vermillion. */
  public static final Color VERMILLION = new Color(0xD55E00);
  /** Okabe-Ito reddish purple. */
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);

  private static final float[] SOLID = null;
  private static final float[] LONG_DASH = {9f, 4f};
  private static final float[] DASH_DOT = {7f, 3f, 2f, 3f};
  private static final float[] SHORT_DASH = {4f, 3f};
  private static final float[] DOTTED = {1.5f, 3f};
  private static final float[] DASH_DOT_DOT = {7f, 3f, 2f, 3f, 2f, 3f};
  private static final float[] REFERENCE_DASH = {6f, 4f};

  /** The styles in order: the methods' styles first, then the fallback cycles through them. */
  private static final List<Style> STYLES = List.of(
      new Style(BLUE, SOLID, SeriesMarkers.CIRCLE, 0),
      new Style(VERMILLION, LONG_DASH, SeriesMarkers.SQUARE, 1),
      new Style(ORANGE, DASH_DOT, SeriesMarkers.DIAMOND, 2),
      new Style(BLUISH_GREEN, SHORT_DASH, SeriesMarkers.TRIANGLE_UP, 3),
      new Style(SKY_BLUE, DOTTED, SeriesMarkers.TRIANGLE_DOWN, 4),
      new Style(REDDISH_PURPLE, DASH_DOT_DOT, SeriesMarkers.CROSS, 5),
      new Style(BLACK, LONG_DASH, SeriesMarkers.PLUS, 6));

  /**
   * Methods and arms by label, one style each across every study (methods that share a colour never share a figure);
   * any other label gets a fallback from its hash.
   */
  private static final Map<String, Integer> METHODS = Map.ofEntries(
      Map.entry("jarzynski", 0), Map.entry("pcd", 1), Map.entry("cd", 2), Map.entry("exact", 3),
      Map.entry("score-matching", 4), Map.entry("control", 5),
      // samplers (flow-MCMC sampling, GEBM latent samplers) and the flow-MCMC training arms
      Map.entry("flow-imh", 0), Map.entry("flow-mcmc", 0), Map.entry("ula", 1), Map.entry("mala", 2),
      Map.entry("hmc", 3), Map.entry("neutra", 4), Map.entry("global-local", 5), Map.entry("isir", 6),
      // RBM training methods
      Map.entry("jarzynski-pcd", 0), Map.entry("cd-1", 2), Map.entry("cd-10", 4));

  /** The look of the target or an exact reference: black, dashed, no marker. */
  public static final Style REFERENCE = new Style(BLACK, REFERENCE_DASH, SeriesMarkers.NONE, 6);

  private Palette() {}

  /**
   * A colour, a dash pattern (null = solid) and a marker; {@code index} staggers where markers fall so that two
   * styles' markers do not sit on the same points.
   *
   * @param color line, marker and band colour
   * @param dash dash pattern in pixels, null for a solid line
   * @param marker marker shape
   * @param index position in the palette
   */
  public record Style(Color color, float[] dash, Marker marker, int index) {
    /** The line stroke at the given width. */
    public BasicStroke stroke(float width) {
      return dash == null ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
          : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash.clone(), 0f);
    }

    /**
     * The same colour with the k-th palette entry's dash pattern and marker (k = 0 keeps this style): a second
     * quantity or setting of the same method, e.g. mode b beside mode a, or another initial mass.
     */
    public Style variant(int k) {
      if (k < 0) {
        throw new IllegalArgumentException("k must be non-negative, got " + k);
      }
      if (k == 0) {
        return this;
      }
      Style o = STYLES.get((index + k) % STYLES.size());
      return new Style(color, o.dash, o.marker, o.index);
    }

    /** The colour with the given opacity in [0, 1], for bands. */
    public Color translucent(double alpha) {
      return new Color(color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * alpha));
    }

    @Override
    public float[] dash() {
      return dash == null ? null : dash.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Style s && color.equals(s.color) && java.util.Arrays.equals(dash, s.dash)
          && marker == s.marker && index == s.index;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(color, java.util.Arrays.hashCode(dash), marker, index);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Style[#%06X, dash=%s, %s]", color.getRGB() & 0xFFFFFF,
          java.util.Arrays.toString(dash), marker.getClass().getSimpleName());
    }
  }

  /** Whether the label is a method with a style of its own (see {@link #of(String)}); other labels are hashed. */
  public static boolean isMethod(String label) {
    return label != null && METHODS.containsKey(label.toLowerCase(Locale.ROOT));
  }

  /**
   * The style of a method or arm label: jarzynski blue solid, pcd vermillion long dashes, cd orange dash-dot, exact
   * bluish green short dashes, score-matching sky blue dotted, control reddish purple dash-dot-dot; any other label
   * a style chosen by its hash (the same on every run and machine).
   */
  public static Style of(String label) {
    if (label == null) {
      throw new IllegalArgumentException("label must not be null");
    }
    Integer k = METHODS.get(label.toLowerCase(Locale.ROOT));
    return STYLES.get(k != null ? k : Math.floorMod(label.hashCode(), STYLES.size()));
  }

  /** The k-th style (k >= 0, cycling), for series that are not methods, e.g. one per initial mass. */
  public static Style of(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be non-negative, got " + k);
    }
    return STYLES.get(k % STYLES.size());
  }

  /** Whether a label has its own fixed style (else it gets the hashed fallback). */
  public static boolean isKnown(String label) {
    return label != null && METHODS.containsKey(label.toLowerCase(Locale.ROOT));
  }
}
