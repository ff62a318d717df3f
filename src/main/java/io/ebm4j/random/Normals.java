package io.ebm4j.random;


/**
 * Standard normals from one stream (ziggurat method, see {@link Ziggurat}). Made per chunk inside a
 * {@link io.ebm4j.nd.Par} loop, so the draws depend only on the chunk's stream.
 */
public final class Normals {
  private final SplitMix r;

  public Normals(SplitMix r) {
    this.r = r;
  }

  /** The next standard normal. */
  public double next() {
    return Ziggurat.next(r);
  }
}
