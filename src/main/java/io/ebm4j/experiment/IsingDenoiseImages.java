package io.ebm4j.experiment;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The clean binary images of the Ising denoising study, pixels in {-1, +1} (+1 = foreground), row-major [1, h*w]:
 * a synthetic {@code size} x {@code size} scene (a disc, a ring, a letter T and a triangle, drawn analytically at the
 * pixel centres) and the ten binarised 8x8 digits (first of each class, values above 7 of 16 on), each upscaled to
 * size/2 x size/2 and tiled 2 x 5, so size x 2.5 size.
 *
 * <pre>{@code
 * INDArray shape = IsingDenoiseImages.shape(64);           // [1, 4096]
 * int[] hw = IsingDenoiseImages.shapeOf("digits", 64);     // {64, 160}
 * }</pre>
 */
public final class IsingDenoiseImages {
  /** Image names. */
  public static final java.util.List<String> NAMES = java.util.List.of("shape", "digits");

  private IsingDenoiseImages() {}

  /** Height and width of the named image at a size. */
  public static int[] shapeOf(String image, int size) {
    return switch (image) {
      case "shape" -> new int[] {size, size};
      case "digits" -> new int[] {size, size * 5 / 2};
      default -> throw new IllegalArgumentException("image must be one of " + NAMES + ", got '" + image + "'");
    };
  }

  /** The named image at a size, [1, h*w]. */
  public static INDArray of(String image, int size) {
    return switch (image) {
      case "shape" -> shape(size);
      case "digits" -> digits(size);
      default -> throw new IllegalArgumentException("image must be one of " + NAMES + ", got '" + image + "'");
    };
  }

  /** The synthetic scene, size x size. */
  public static INDArray shape(int size) {
    if (size < 8) {
      throw new IllegalArgumentException("size must be at least 8, got " + size);
    }
    double[] x = new double[size * size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double u = (c + 0.5) / size;
        double v = (r + 0.5) / size;
        boolean disc = Math.hypot(u - 0.27, v - 0.27) < 0.17;
        double rho = Math.hypot(u - 0.70, v - 0.70);
        boolean ring = rho > 0.13 && rho < 0.23;
        boolean bar = v > 0.58 && v < 0.68 && u > 0.06 && u < 0.40;
        boolean stem = u > 0.18 && u < 0.28 && v > 0.58 && v < 0.93;
        // triangle with apex (0.75, 0.08) and base from (0.56, 0.40) to (0.94, 0.40)
        boolean tri = v < 0.40 && v > 0.08 && Math.abs(u - 0.75) < 0.19 * (v - 0.08) / 0.32;
        x[r * size + c] = disc || ring || bar || stem || tri ? 1.0 : -1.0;
      }
    }
    return Batches.vector(x).reshape(1, size * size);
  }

  /** The ten digits 0..9 (first of each class), binarised, upscaled to size/2 square tiles in 2 rows of 5. */
  public static INDArray digits(int size) {
    if (size < 16 || size % 16 != 0) {
      throw new IllegalArgumentException("size must be a positive multiple of 16 for the digits image, got " + size);
    }
    LabeledData d = Datasets.digits().binarized(7.0);
    int[] labels = d.labels();
    DoubleBuffer src = Batches.buffer(d.x());
    int tile = size / 2;
    int f = tile / 8;
    int h = size;
    int w = size * 5 / 2;
    double[] x = new double[h * w];
    java.util.Arrays.fill(x, -1.0);
    for (int digit = 0; digit < 10; digit++) {
      int row = -1;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == digit) {
          row = i;
          break;
        }
      }
      int r0 = (digit / 5) * tile;
      int c0 = (digit % 5) * tile;
      for (int r = 0; r < tile; r++) {
        for (int c = 0; c < tile; c++) {
          double v = src.get(row * 64 + (r / f) * 8 + c / f);
          x[(r0 + r) * w + c0 + c] = v > 0 ? 1.0 : -1.0;
        }
      }
    }
    return Batches.vector(x).reshape(1, h * w);
  }
}
