package io.ebm4j.gebm;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy of a GEBM's latent tilt at temperature T,
 *
 * <pre>
 *   U_T(u) = |u|^2 / 2 + E_psi(G_theta(u)) / T,   grad_u U_T = u + J_G(u)^T grad_x E_psi(G_theta(u)) / T,
 * </pre>
 *
 * so that any {@link io.ebm4j.sample.Kernel} (ULA, MALA, HMC) samples nu_T(u) proportional to exp(-U_T(u)) and
 * G(u) is then a GEBM sample (exactly so at T = 1). The gradient is one forward pass of G, one of E with its input
 * gradient, and one vector-Jacobian product through G. Parameters are read live from the {@link Gebm}.
 *
 * <pre>{@code
 * LatentEnergy u = gebm.latentEnergy(1.0);
 * Kernel k = Kernels.hmc(0.1, 10);
 * Chains c = k.init(u, gebm.base().latents(500, rng));
 * for (int s = 0; s < 300; s++) k.step(u, c, rng);
 * INDArray x = gebm.base().generate(c.positions());
 * }</pre>
 */
public final class LatentEnergy implements Energy {
  private final Gebm model;
  private final double temperature;
  private final Map<Integer, INDArray[]> buffers = new HashMap<>();

  LatentEnergy(Gebm model, double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    this.model = model;
    this.temperature = temperature;
  }

  public double temperature() {
    return temperature;
  }

  @Override
  public int dim() {
    return model.base().latentDim();
  }

  @Override
  public void evaluate(INDArray u, INDArray out, INDArray g) {
    final int n = (int) u.rows();
    final int k = dim();
    final int d = model.dim();
    Generator gen = model.base();
    TrainableEnergy e = model.energyNetwork();
    INDArray[] buf = buffers.computeIfAbsent(n, m -> new INDArray[] {Batches.zeros(m), Batches.zeros(m, d)});
    Generator.Work w = gen.forward(u);
    e.evaluate(w.out(), buf[0], g == null ? null : buf[1]);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer eb = Batches.buffer(buf[0]);
    final DoubleBuffer ob = Batches.buffer(out);
    final double invT = 1.0 / temperature;
    Par.forRange(n, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int j = 0; j < k; j++) {
          double v = ub.get(i * k + j);
          s += v * v;
        }
        ob.put(i, 0.5 * s + invT * eb.get(i));
      }
    });
    if (g == null) {
      return;
    }
    if (temperature != 1.0) {
      buf[1].muli(invT);
    }
    gen.backward(w, buf[1], g, null);
    final DoubleBuffer gb = Batches.buffer(g);
    Par.forRange(n, (ch, from, to) -> {
      for (int q = from * k; q < to * k; q++) {
        gb.put(q, gb.get(q) + ub.get(q));
      }
    });
  }
}
