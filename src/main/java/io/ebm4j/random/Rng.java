package io.ebm4j.random;

import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;

/**
 * A seeded, replayable source of randomness. It owns one main stream and {@link Par#CHUNKS} sub-streams, one per
 * chunk of a batch, so that batch-wide draws ({@link #fillNormal}, or a kernel drawing inside a chunked loop via
 * {@link #stream}) give the same numbers whatever the number of threads. Same seed, same numbers.
 *
 * <pre>{@code
 * Rng rng = new Rng(42);
 * double u = rng.uniform();
 * rng.fillNormal(buffer, n);   // n standard normals, chunk-parallel, reproducible
 * }</pre>
 */
public final class Rng {
  private final long seed;
  private final SplitMix main;
  private final SplitMix[] streams = new SplitMix[Par.CHUNKS];

  public Rng(long seed) {
    this.seed = seed;
    this.main = new SplitMix(seed);
    for (int i = 0; i < streams.length; i++) {
      streams[i] = main.split();
    }
  }

  /** The state of the main stream and every sub-stream, two longs each, for a checkpoint. */
  public long[] state() {
    long[] out = new long[2 * (1 + streams.length)];
    System.arraycopy(main.state(), 0, out, 0, 2);
    for (int i = 0; i < streams.length; i++) {
      System.arraycopy(streams[i].state(), 0, out, 2 + 2 * i, 2);
    }
    return out;
  }

  /** Continues from a state read by {@link #state}, in place. */
  public void restore(long[] state) {
    if (state == null || state.length != 2 * (1 + streams.length)) {
      throw new IllegalArgumentException("an Rng state has " + 2 * (1 + streams.length) + " longs, got "
          + (state == null ? "null" : state.length));
    }
    main.set(new long[] {state[0], state[1]});
    for (int i = 0; i < streams.length; i++) {
      streams[i].set(new long[] {state[2 + 2 * i], state[3 + 2 * i]});
    }
  }

  /** The seed this generator was built from. */
  public long seed() {
    return seed;
  }

  /** An independent generator derived from this one's main stream (advances this one). */
  public Rng split() {
    return new Rng(main.nextLong());
  }

  /** Uniform on [0, 1). */
  public double uniform() {
    return main.nextDouble();
  }

  /** Uniform integer on [0, bound). */
  public int nextInt(int bound) {
    return main.nextInt(bound);
  }

  /** A standard normal from the main stream. */
  public double normal() {
    return normal(main);
  }

  /** The sub-stream of a chunk, for draws inside {@link Par#forRange} bodies. */
  public SplitMix stream(int chunk) {
    return streams[chunk];
  }

  /** One standard normal drawn from r (ziggurat method). */
  public static double normal(SplitMix r) {
    return Ziggurat.next(r);
  }

  /**
   * Fills positions [0, n) of {@code out} with standard normals; chunk c of the rows draws from sub-stream c.
   */
  public void fillNormal(DoubleBuffer out, int n) {
    Par.forRange(n, (c, from, to) -> fillNormal(streams[c], out, from, to));
  }

  /** Fills [from, to) of out with standard normals drawn from r. */
  public static void fillNormal(SplitMix r, DoubleBuffer out, int from, int to) {
    for (int i = from; i < to; i++) {
      out.put(i, Ziggurat.next(r));
    }
  }
}
