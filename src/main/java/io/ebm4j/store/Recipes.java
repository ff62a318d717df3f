package io.ebm4j.store;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How to rebuild ebm4j's own energies from a manifest alone: the settings that are not parameters, under
 * {@code recipe.}: TwoWells (well positions {@code a}, {@code b}), Gaussian ({@code dim}), GaussianMixture
 * ({@code components}, {@code dim}), Mlp ({@code dim}, {@code hidden}, {@code activation}, {@code dtype},
 * {@code seed}) and SumEnergy of those ({@code trainable.} and {@code fixed.} sub-recipes; the fixed part's
 * parameters in the entry {@code recipe.fixed.params.f64}). Other energies have no recipe and load from a template.
 */
final class Recipes {
  static final String PREFIX = "recipe.";

  private Recipes() {}

  /** Writes the recipe of e under prefix; false (and nothing written) when e has none. */
  static boolean write(String prefix, Energy e, Map<String, String> header, Map<String, byte[]> content) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    Map<String, byte[]> c = new java.util.LinkedHashMap<>();
    if (!describe(prefix, e, h, c)) {
      return false;
    }
    header.putAll(h);
    content.putAll(c);
    return true;
  }

  private static boolean describe(String p, Energy e, Map<String, String> h, Map<String, byte[]> c) {
    if (e instanceof TwoWells t) {
      h.put(p + "kind", "TwoWells");
      h.put(p + "a", join(t.a()));
      h.put(p + "b", join(t.b()));
      return true;
    }
    if (e instanceof Gaussian g) {
      h.put(p + "kind", "Gaussian");
      h.put(p + "dim", String.valueOf(g.dim()));
      return true;
    }
    if (e instanceof GaussianMixture m) {
      h.put(p + "kind", "GaussianMixture");
      h.put(p + "components", String.valueOf(m.components()));
      h.put(p + "dim", String.valueOf(m.dim()));
      return true;
    }
    if (e instanceof Mlp m) {
      h.put(p + "kind", "Mlp");
      h.put(p + "dim", String.valueOf(m.dim()));
      h.put(p + "hidden", Arrays.stream(m.hidden()).mapToObj(String::valueOf).collect(Collectors.joining(",")));
      h.put(p + "activation", m.activation().name());
      h.put(p + "dtype", m.dtype().name());
      h.put(p + "seed", String.valueOf(m.seed()));
      return true;
    }
    if (e instanceof SumEnergy s) {
      h.put(p + "kind", "SumEnergy");
      if (!describe(p + "trainable.", s.trainable(), h, c) || !(s.fixed() instanceof TrainableEnergy f)
          || !describe(p + "fixed.", f, h, c)) {
        return false;
      }
      INDArray fp = f.params().reshape(f.numParams());
      INDArray d = Batches.isDense(fp) ? fp : fp.castTo(DataType.DOUBLE).dup('c');
      c.put(p + "fixed.params.f64", Doubles.bytes(Batches.buffer(d), f.numParams()));
      return true;
    }
    return false;
  }

  /** The energy the recipe under prefix describes (parameters at their defaults unless stored for it). */
  static TrainableEnergy build(Archive a, String p) {
    String kind = a.get(p + "kind");
    try {
      return switch (kind) {
        case "TwoWells" -> Energies.twoWells(doubles(a.get(p + "a")), doubles(a.get(p + "b")));
        case "Gaussian" -> Energies.standardNormal(a.getInt(p + "dim"));
        case "GaussianMixture" -> {
          int k = a.getInt(p + "components");
          double[] w = new double[k];
          Arrays.fill(w, 1.0);
          yield Energies.mixture(new double[k][a.getInt(p + "dim")], w);
        }
        case "Mlp" -> Mlp.builder(a.getInt(p + "dim"))
            .hidden(Arrays.stream(a.get(p + "hidden").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray())
            .activation(Activation.valueOf(a.get(p + "activation"))).dtype(DataType.valueOf(a.get(p + "dtype")))
            .seed(Long.parseLong(a.get(p + "seed"))).build();
        case "SumEnergy" -> {
          TrainableEnergy fixed = build(a, p + "fixed.");
          String entry = p + "fixed.params.f64";
          fixed.setParams(Batches.vector(a.doubles(entry, fixed.numParams())));
          yield Energies.plus(build(a, p + "trainable."), fixed);
        }
        default -> throw new StoreException(a.path(), "has no recipe for energy kind '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new StoreException(a.path(), "the " + kind + " recipe is damaged: " + e.getMessage(), e);
    }
  }

  private static String join(double[] v) {
    return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  private static double[] doubles(String s) {
    return Arrays.stream(s.split(",")).mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
  }
}
