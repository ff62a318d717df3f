package io.ebm4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SplitMix draws exactly what java.util.SplittableRandom draws, and its state restores the sequence. */
class SplitMixTest {
  @Test
  void drawsTheJdkSequenceForEveryKindOfCallAndSplit() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE, 0x9e3779b97f4a7c15L}) {
      SplittableRandom jdk = new SplittableRandom(seed);
      SplitMix ours = new SplitMix(seed);
      for (int i = 0; i < 2000; i++) {
        switch (i % 7) {
          case 0 -> assertEquals(jdk.nextLong(), ours.nextLong());
          case 1 -> assertEquals(jdk.nextInt(), ours.nextInt());
          case 2 -> assertEquals(jdk.nextDouble(), ours.nextDouble());
          case 3 -> assertEquals(jdk.nextInt(1 + i), ours.nextInt(1 + i));
          case 4 -> assertEquals(jdk.nextInt(1 << (i % 31)), ours.nextInt(1 << (i % 31)));
          case 5 -> assertEquals(jdk.nextBoolean(), ours.nextBoolean());
          default -> {
            jdk = jdk.split();
            ours = ours.split();
          }
        }
      }
      // a bound just above a power of two rejects often: exercise the loop
      for (int i = 0; i < 500; i++) {
        assertEquals(jdk.nextInt((1 << 30) + 1), ours.nextInt((1 << 30) + 1));
      }
    }
  }

  @Test
  void aRestoredStateContinuesTheSequence() {
    SplitMix r = new SplitMix(9);
    for (int i = 0; i < 37; i++) {
      r.nextDouble();
    }
    SplitMix copy = SplitMix.restore(r.state());
    SplitMix child = r.split();
    SplitMix copyChild = copy.split();
    for (int i = 0; i < 100; i++) {
      assertEquals(r.nextLong(), copy.nextLong());
      assertEquals(child.nextDouble(), copyChild.nextDouble());
    }
  }

  @Test
  void badStatesAndBoundsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SplitMix.restore(new long[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> SplitMix.restore(new long[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new SplitMix(1).nextInt(0));
  }
}
