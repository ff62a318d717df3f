package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The expected calibration error against values computed by hand. */
class CalibrationErrorTest {
  @Test
  void eceIsTheShareWeightedGapBetweenAccuracyAndConfidenceInEachBin() {
    // bins of width 0.25: (0.5, 0.75] holds 0.6 (right), 0.7 (wrong): acc 0.5, conf 0.65, gap 0.15, share 2/5
    // (0.75, 1] holds 0.8 (right), 0.9 (right), 1.0 (wrong): acc 2/3, conf 0.9, gap 0.2333.., share 3/5
    double[] conf = {0.6, 0.7, 0.8, 0.9, 1.0};
    boolean[] correct = {true, false, true, true, false};
    double expected = 0.4 * 0.15 + 0.6 * (0.9 - 2.0 / 3);
    assertEquals(expected, CalibrationError.expected(conf, correct, 4), 1e-12);
  }

  @Test
  void eceReadsConfidenceAndCorrectnessFromProbabilityRows() {
    double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}, {0.2, 0.5, 0.3}, {0.05, 0.05, 0.9}};
    int[] y = {0, 2, 0, 2};
    // 15 bins of width 1/15: 0.7 -> bin 11 (right), 0.6 -> bin 9 (right), 0.5 -> bin 8 (wrong), 0.9 -> bin 14 (right)
    double expected = (0.3 + 0.4 + 0.5 + 0.1) / 4;
    assertEquals(expected, CalibrationError.expected(Nd4j.createFromArray(p), y, 15), 1e-12);
  }

  @Test
  void aPerfectlyCalibratedBinHasNoError() {
    double[] conf = {0.75, 0.75, 0.75, 0.75};
    boolean[] correct = {true, true, true, false};
    assertEquals(0.0, CalibrationError.expected(conf, correct, 15), 1e-12);
  }

  @Test
  void badInputIsRefusedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CalibrationError.expected(new double[] {0.5}, new boolean[] {true}, 0));
    assertTrue(e.getMessage().contains("bins") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CalibrationError.expected(new double[] {1.5}, new boolean[] {true}, 15));
    assertThrows(IllegalArgumentException.class,
        () -> CalibrationError.expected(Nd4j.createFromArray(new double[][] {{0.5, 0.5}}), new int[] {2}, 15));
  }
}
