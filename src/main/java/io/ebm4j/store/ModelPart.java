package io.ebm4j.store;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A trainable energy in an archive: its class, shape and parameter names in the manifest, its parameters as float64. */
final class ModelPart {
  static final String PARAMS = "params.f64";

  private ModelPart() {}

  static void write(TrainableEnergy e, Map<String, String> header, Map<String, byte[]> content) {
    if (e == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    int p = e.numParams();
    String[] names = e.paramNames();
    if (names.length != p) {
      throw new IllegalArgumentException("energy " + e.getClass().getName() + " has " + p + " parameters but "
          + names.length + " parameter names");
    }
    INDArray flat = e.params().reshape(p);
    INDArray d = Batches.isDense(flat) ? flat : flat.castTo(DataType.DOUBLE).dup('c');
    header.put("energyClass", e.getClass().getName());
    header.put("energy", String.valueOf(e));
    header.put("dim", String.valueOf(e.dim()));
    header.put("numParams", String.valueOf(p));
    header.put("paramsDtype", e.params().dataType().name().toLowerCase(java.util.Locale.ROOT));
    header.put("dtype", "float64");
    header.put("byteOrder", "little-endian");
    for (int j = 0; j < p; j++) {
      header.put("paramName." + j, names[j]);
    }
    content.put(PARAMS, Doubles.bytes(Batches.buffer(d), p));
    header.put("recipe", String.valueOf(Recipes.write(Recipes.PREFIX, e, header, content)));
  }

  /** A copy of template carrying the stored parameters, after checking class, dim, numParams and names. */
  @SuppressWarnings("unchecked")
  static <E extends TrainableEnergy> E read(Archive a, E template) {
    if (template == null) {
      throw new IllegalArgumentException("template must not be null");
    }
    String cls = a.get("energyClass");
    if (!cls.equals(template.getClass().getName())) {
      throw new StoreException(a.path(), "holds a " + cls + ", the template is a " + template.getClass().getName());
    }
    int dim = a.getInt("dim");
    if (dim != template.dim()) {
      throw new StoreException(a.path(), "the stored " + simple(cls) + " has dim " + dim + ", the template "
          + template.dim());
    }
    int p = a.getInt("numParams");
    if (p != template.numParams()) {
      throw new StoreException(a.path(), "the stored " + simple(cls) + " has numParams " + p + ", the template "
          + template.numParams());
    }
    String[] names = template.paramNames();
    for (int j = 0; j < p; j++) {
      String stored = a.get("paramName." + j);
      if (!stored.equals(names[j])) {
        throw new StoreException(a.path(), "parameter " + j + " is named '" + stored + "' in the file, '" + names[j]
            + "' in the template");
      }
    }
    if (!"float64".equals(a.get("dtype")) || !"little-endian".equals(a.get("byteOrder"))) {
      throw new StoreException(a.path(), "parameters stored as " + a.get("dtype") + " " + a.get("byteOrder")
          + ", expected float64 little-endian");
    }
    double[] values = a.doubles(PARAMS, p);
    TrainableEnergy copy = template.copy();
    if (copy.getClass() != template.getClass()) {
      throw new IllegalArgumentException("template " + template.getClass().getName() + ".copy() returned a "
          + copy.getClass().getName() + "; copy() must return the energy's own class");
    }
    try {
      copy.setParams(Batches.vector(values));
    } catch (IllegalArgumentException e) {
      throw new StoreException(a.path(), "stored parameters rejected: " + e.getMessage(), e);
    }
    return (E) copy;
  }

  private static String simple(String cls) {
    return cls.substring(cls.lastIndexOf('.') + 1);
  }
}
