package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotebookTest {
  @Test
  void notInAKernelDuringTestsEvenWithRapaioOnTheClassPath() {
    String saved = System.getProperty(Notebook.PROPERTY);
    try {
      System.clearProperty(Notebook.PROPERTY);
      assertEquals(Optional.empty(), Notebook.kernel());
      assertFalse(Notebook.setup());
      assertFalse(IJavaDisplay.register(), "no IJava here");
      System.setProperty(Notebook.PROPERTY, "rapaio");
      assertEquals(Optional.of("rapaio"), Notebook.kernel());
      assertTrue(Notebook.inKernel());
      System.setProperty(Notebook.PROPERTY, "false");
      assertFalse(Notebook.inKernel());
    } finally {
      if (saved == null) {
        System.clearProperty(Notebook.PROPERTY);
      } else {
        System.setProperty(Notebook.PROPERTY, saved);
      }
    }
  }
}
