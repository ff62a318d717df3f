package io.ebm4j.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Models saved and loaded: bit-for-bit round trips, the documented layout, and every failure named with its file. */
class ModelFileTest {
  @TempDir
  Path dir;

  private static long[] bits(TrainableEnergy e) {
    return Arrays.stream(e.params().castTo(DataType.DOUBLE).dup().toDoubleVector())
        .mapToLong(Double::doubleToRawLongBits).toArray();
  }

  static INDArray normals(Rng rng, int n, int d) {
    INDArray x = Batches.zeros(n, d);
    rng.fillNormal(Batches.buffer(x), n * d);
    return x;
  }

  /** Parameters drawn at random (so no value is a round decimal). */
  private static <E extends TrainableEnergy> E randomized(E e, long seed) {
    e.setParams(normals(new Rng(seed), 1, e.numParams()).reshape(e.numParams()));
    return e;
  }

  @Test
  void aTwoWellsModelRoundTripsBitForBit() {
    TwoWells m = Energies.twoWells(-10, 10).withMassOfB(0.3712345678901);
    Path p = ModelFile.save(m, dir.resolve("tw.ebm4j"));
    TwoWells back = ModelFile.load(p, Energies.twoWells(-10, 10));
    assertArrayEquals(bits(m), bits(back));
    assertEquals(m.massOfB(), back.massOfB(), 0.0);
    assertEquals(m.toString(), back.toString());
  }

  @Test
  void aGaussianMixtureRoundTripsBitForBit() {
    GaussianMixture m = randomized(Energies.mixture(new double[][] {{-1, 0}, {1, 0}, {0, 2}}, new double[] {.2, .3, .5}),
        11);
    GaussianMixture back = ModelFile.load(ModelFile.save(m, dir.resolve("gmm.ebm4j")),
        Energies.mixture(new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[] {1, 1, 1}));
    assertArrayEquals(bits(m), bits(back));
    assertArrayEquals(m.weights(), back.weights(), 0.0);
  }

  @Test
  void mlpsRoundTripBitForBitInFloat32AndFloat64() {
    for (DataType t : List.of(DataType.FLOAT, DataType.DOUBLE)) {
      Mlp m = Mlp.builder(2).hidden(8, 8).dtype(t).seed(3).build();
      Mlp template = Mlp.builder(2).hidden(8, 8).dtype(t).seed(99).build();
      Mlp back = ModelFile.load(ModelFile.save(m, dir.resolve("mlp-" + t + ".ebm4j")), template);
      assertArrayEquals(bits(m), bits(back), t.toString());
      assertEquals(t, back.params().dataType());
      INDArray x = normals(new Rng(5), 16, 2);
      assertArrayEquals(Batches.toArray(m.energy(x)), Batches.toArray(back.energy(x)), 0.0);
    }
  }

  @Test
  void loadingGivesACopyAndLeavesTheTemplateAsItWas() {
    TwoWells template = Energies.twoWells(-10, 10);
    long[] before = bits(template);
    TwoWells back = ModelFile.load(ModelFile.save(Energies.twoWells(-10, 10).withMassOfB(0.9),
        dir.resolve("a.ebm4j")), template);
    assertNotSame(template, back);
    assertArrayEquals(before, bits(template));
  }

  @Test
  void theFileIsAZipWithTheDocumentedManifestAndLittleEndianDoubles() throws IOException {
    GaussianMixture m = randomized(Energies.mixture(new double[][] {{-1, 0}, {1, 0}}, new double[] {.4, .6}), 2);
    Path p = ModelFile.save(m, dir.resolve("m.ebm4j"));
    var entries = Zips.entries(p);
    assertEquals(List.of("manifest.properties", "params.f64"), List.copyOf(entries.keySet()));
    Properties man = new Properties();
    man.load(new java.io.StringReader(new String(entries.get("manifest.properties"), StandardCharsets.UTF_8)));
    assertEquals("ebm4j-model", man.getProperty("format"));
    assertEquals("1", man.getProperty("formatVersion"));
    assertTrue(man.getProperty("ebm4jVersion") != null);
    assertEquals(GaussianMixture.class.getName(), man.getProperty("energyClass"));
    assertEquals("2", man.getProperty("dim"));
    assertEquals(String.valueOf(m.numParams()), man.getProperty("numParams"));
    assertEquals("float64", man.getProperty("dtype"));
    assertEquals("little-endian", man.getProperty("byteOrder"));
    for (int j = 0; j < m.numParams(); j++) {
      assertEquals(m.paramNames()[j], man.getProperty("paramName." + j));
    }
    assertEquals(Archive.sha256(entries.get("params.f64")), man.getProperty("sha256.params.f64"));
    double[] stored = new double[m.numParams()];
    java.nio.ByteBuffer.wrap(entries.get("params.f64")).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
        .get(stored);
    assertArrayEquals(Batches.toArray(m.params()), stored, 0.0);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
  }

  @Test
  void theSameModelGivesTheSameBytes() throws IOException {
    TwoWells m = Energies.twoWells(-10, 10).withMassOfB(0.25);
    byte[] a = Files.readAllBytes(ModelFile.save(m, dir.resolve("a.ebm4j")));
    byte[] b = Files.readAllBytes(ModelFile.save(m.copy(), dir.resolve("b.ebm4j")));
    assertArrayEquals(a, b);
  }

  @Test
  void aTruncatedFileIsNamedAsDamaged() throws IOException {
    Path good = ModelFile.save(randomized(Mlp.builder(2).hidden(8).seed(1).build(), 4), dir.resolve("m.ebm4j"));
    byte[] all = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.ebm4j"), Arrays.copyOf(all, all.length / 2));
    var e = assertThrows(StoreException.class, () -> ModelFile.load(cut, Mlp.builder(2).hidden(8).build()));
    assertTrue(e.getMessage().startsWith(cut + ": not a readable ebm4j-model file: damaged, truncated or not a zip"),
        e.getMessage());
    assertEquals(cut, e.path());
  }

  @Test
  void aFileThatIsNotAZipIsNamed() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.ebm4j"), "format=ebm4j-model\n");
    var e = assertThrows(StoreException.class, () -> ModelFile.load(text, Energies.twoWells(-1, 1)));
    assertTrue(e.getMessage().startsWith(text + ": not a readable ebm4j-model file: damaged, truncated or not a zip"),
        e.getMessage());
    Path absent = dir.resolve("absent.ebm4j");
    var none = assertThrows(StoreException.class, () -> ModelFile.load(absent, Energies.twoWells(-1, 1)));
    assertEquals(absent + ": no such file", none.getMessage());
  }

  @Test
  void alteredParametersFailTheirChecksum() throws IOException {
    Path good = ModelFile.save(Energies.twoWells(-10, 10).withMassOfB(0.4), dir.resolve("m.ebm4j"));
    Path bad = Zips.rewrite(good, dir.resolve("bad.ebm4j"), (name, b) -> {
      if (name.equals("params.f64")) {
        b = b.clone();
        b[0] ^= 1; // one bit of the last mantissa byte
      }
      return b;
    });
    var e = assertThrows(StoreException.class, () -> ModelFile.load(bad, Energies.twoWells(-10, 10)));
    assertTrue(e.getMessage().startsWith(bad + ": entry params.f64 is damaged: its SHA-256 is "), e.getMessage());
    Path missing = Zips.rewrite(good, dir.resolve("missing.ebm4j"), (name, b) -> name.equals("params.f64") ? null : b);
    var m = assertThrows(StoreException.class, () -> ModelFile.load(missing, Energies.twoWells(-10, 10)));
    assertEquals(missing + ": entry params.f64 is missing", m.getMessage());
  }

  @Test
  void anUnknownFormatVersionIsRefusedWithTheVersionsNamed() throws IOException {
    Path good = ModelFile.save(Energies.twoWells(-10, 10), dir.resolve("m.ebm4j"));
    Path v2 = Zips.rewrite(good, dir.resolve("v2.ebm4j"), (name, b) -> name.equals("manifest.properties")
        ? Zips.replaceLine(b, "formatVersion=1", "formatVersion=2") : b);
    var e = assertThrows(StoreException.class, () -> ModelFile.load(v2, Energies.twoWells(-10, 10)));
    assertEquals(v2 + ": ebm4j-model format version 2 is not supported (this ebm4j " + Archive.ebm4jVersion()
        + " reads version 1)", e.getMessage());
  }

  @Test
  void aZipWithoutManifestOrOfAnotherFormatIsRefused() throws IOException {
    Path good = ModelFile.save(Energies.twoWells(-10, 10), dir.resolve("m.ebm4j"));
    Path bare = Zips.rewrite(good, dir.resolve("bare.zip"), (name, b) -> name.equals("manifest.properties") ? null : b);
    var e = assertThrows(StoreException.class, () -> ModelFile.load(bare, Energies.twoWells(-10, 10)));
    assertEquals(bare + ": a zip without manifest.properties, not an ebm4j file", e.getMessage());
    var run = assertThrows(StoreException.class, () -> RunFile.load(good, Energies.twoWells(-10, 10)));
    assertEquals(good + ": holds a ebm4j-model, expected ebm4j-run", run.getMessage());
  }

  @Test
  void aTemplateOfAnotherClassDimSizeOrParameterNamesIsRefused() {
    Path tw = ModelFile.save(Energies.twoWells(-10, 10), dir.resolve("tw.ebm4j"));
    var cls = assertThrows(StoreException.class, () -> ModelFile.load(tw, Energies.standardNormal(1)));
    assertEquals(tw + ": holds a io.ebm4j.energy.TwoWells, the template is a io.ebm4j.energy.Gaussian",
        cls.getMessage());
    Path g = ModelFile.save(Energies.standardNormal(2), dir.resolve("g.ebm4j"));
    var dim = assertThrows(StoreException.class, () -> ModelFile.load(g, Energies.standardNormal(3)));
    assertEquals(g + ": the stored Gaussian has dim 2, the template 3", dim.getMessage());
    Path mlp = ModelFile.save(Mlp.builder(2).hidden(8).build(), dir.resolve("mlp.ebm4j"));
    var size = assertThrows(StoreException.class, () -> ModelFile.load(mlp, Mlp.builder(2).hidden(4).build()));
    assertEquals(mlp + ": the stored Mlp has numParams 33, the template 17", size.getMessage());
    // d = 1: hidden (2, 3) and (3, 2) both have 17 parameters, laid out differently
    Path a = ModelFile.save(Mlp.builder(1).hidden(2, 3).build(), dir.resolve("a.ebm4j"));
    var names = assertThrows(StoreException.class, () -> ModelFile.load(a, Mlp.builder(1).hidden(3, 2).build()));
    assertEquals(a + ": parameter 2 is named 'b1[0]' in the file, 'W1[0,2]' in the template", names.getMessage());
  }

  @Test
  void aFailedSaveLeavesTheExistingFileAndNoTemporaryFile() throws IOException {
    Path p = dir.resolve("model.ebm4j");
    TwoWells good = Energies.twoWells(-10, 10).withMassOfB(0.6);
    ModelFile.save(good, p);
    byte[] before = Files.readAllBytes(p);
    // the disk fills after 100 bytes of the new file
    var e = assertThrows(UncheckedIOException.class, () -> ModelFile.save(Energies.twoWells(-10, 10).withMassOfB(0.1),
        p, out -> new FilterOutputStream(out) {
          private int written;

          @Override
          public void write(int b) throws IOException {
            if (++written > 100) {
              throw new IOException("No space left on device");
            }
            super.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
              write(b[off + i]);
            }
          }
        }));
    assertTrue(e.getMessage().startsWith("could not write " + p.toAbsolutePath() + ": No space left on device"),
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(p));
    assertEquals(0.6, ModelFile.load(p, Energies.twoWells(-10, 10)).massOfB(), 1e-15);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(p), files.toList());
    }
  }

  @Test
  void ebm4jsOwnEnergiesLoadWithoutATemplate() {
    INDArray x = normals(new Rng(8), 32, 2);
    List<TrainableEnergy> models = List.of(
        Energies.twoWells(new double[] {-2, 1}, new double[] {3, 0.5}).withMassOfB(0.3),
        randomized(Energies.standardNormal(2), 21),
        randomized(Energies.mixture(new double[][] {{-1, 0}, {1, 0}, {0, 1}}, new double[] {1, 2, 3}), 22),
        Mlp.builder(2).hidden(6, 5).activation(io.ebm4j.nn.Activation.TANH).dtype(DataType.DOUBLE).seed(9).build(),
        Energies.plus(Mlp.builder(2).hidden(4).seed(10).build(),
            Energies.twoWells(new double[] {-1, -1}, new double[] {1, 1}).withMassOfB(0.2)));
    for (TrainableEnergy m : models) {
      String name = m.getClass().getSimpleName();
      TrainableEnergy back = ModelFile.load(ModelFile.save(m, dir.resolve(name + ".ebm4j")));
      assertEquals(m.getClass(), back.getClass(), name);
      assertArrayEquals(bits(m), bits(back), name);
      assertArrayEquals(Batches.toArray(m.energy(x).castTo(DataType.DOUBLE)),
          Batches.toArray(back.energy(x).castTo(DataType.DOUBLE)), 0.0, name);
    }
  }

  /** U(x) = (x - m)^2 / 2 in one dimension: an energy ebm4j has no recipe for. */
  static final class Quadratic implements TrainableEnergy {
    private final INDArray m = Batches.vector(0.0);

    @Override
    public int dim() {
      return 1;
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      var xb = Batches.buffer(x);
      var ub = Batches.buffer(u);
      double mu = m.getDouble(0);
      for (int i = 0; i < x.rows(); i++) {
        double r = xb.get(i) - mu;
        ub.put(i, 0.5 * r * r);
        if (g != null) {
          Batches.buffer(g).put(i, r);
        }
      }
    }

    @Override
    public INDArray params() {
      return m;
    }

    @Override
    public String[] paramNames() {
      return new String[] {"m"};
    }

    @Override
    public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
      throw new UnsupportedOperationException("not trained here");
    }

    @Override
    public Quadratic copy() {
      Quadratic q = new Quadratic();
      q.m.assign(m);
      return q;
    }
  }

  @Test
  void anEnergyWithoutRecipeLoadsFromItsTemplateOnly() {
    Quadratic q = new Quadratic();
    q.params().putScalar(0, 1.25);
    Path p = ModelFile.save(q, dir.resolve("q.ebm4j"));
    assertEquals(1.25, ModelFile.load(p, new Quadratic()).params().getDouble(0), 0.0);
    var e = assertThrows(StoreException.class, () -> ModelFile.load(p));
    assertEquals(p.toAbsolutePath() + ": holds a " + Quadratic.class.getName()
        + ", which loads only from a template: ModelFile.load(path, template)", e.getMessage());
  }

  @Test
  void badArgumentsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(null, dir.resolve("x")));
    assertEquals("energy must not be null", e.getMessage());
    Path tw = ModelFile.save(Energies.twoWells(-10, 10), dir.resolve("tw.ebm4j"));
    var t = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(tw, (TwoWells) null));
    assertEquals("template must not be null", t.getMessage());
  }
}
