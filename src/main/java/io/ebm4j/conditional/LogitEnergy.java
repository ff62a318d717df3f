package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conditional energy E(W, y, x) = -f_W(x)_y, minus the y-th output of a dense network f_W: R^d -> R^K (an affine
 * map x W + b with no hidden layer, the linear energy; an MLP with tanh hidden layers otherwise). The output biases
 * shift the energies of all answers alike when they move together, so nothing bounds the energies from below: the
 * energy loss alone drives them to minus infinity.
 *
 * <pre>{@code
 * LogitEnergy lin = ConditionalEnergies.linear(13, 3, 1L);               // E = -(x W + b)_y
 * LogitEnergy mlp = ConditionalEnergies.mlp(64, 10, new int[] {32}, 1L); // E = -MLP(x)_y
 * }</pre>
 */
public final class LogitEnergy implements ConditionalEnergy {
  private final Dense net;
  private final long seed;
  private final INDArray params;
  private final Dense.Views views;
  private INDArray lastGrad;
  private Dense.Views lastGradViews;

  LogitEnergy(int d, int classes, int[] hidden, long seed) {
    this.net = new Dense(d, hidden, classes, Activation.TANH);
    this.seed = seed;
    this.params = Batches.zeros(net.size);
    net.init(Batches.buffer(params), 0, new Rng(seed));
    this.views = net.views(params, 0);
  }

  @Override
  public int dim() {
    return net.n[0];
  }

  @Override
  public int classes() {
    return net.outputs();
  }

  /** Widths of the hidden layers (empty for the linear energy). */
  public int[] hidden() {
    return Arrays.copyOfRange(net.n, 1, net.layers + 1);
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[net.size];
    net.names("", names, 0);
    return names;
  }

  @Override
  public void energies(INDArray x, INDArray e) {
    Dense.Work w = net.work((int) x.rows());
    net.forward(views, x, w);
    e.assign(w.out()).negi();
  }

  @Override
  public void backward(INDArray x, INDArray g, double scale, INDArray paramGrad, INDArray gradX) {
    Cotangents.require(g, x.rows(), classes());
    Dense.Work w = net.work((int) x.rows());
    net.forward(views, x, w);
    net.backward(views, w, g.neg(), gradViews(paramGrad), scale, gradX);
  }

  private Dense.Views gradViews(INDArray paramGrad) {
    if (paramGrad == null) {
      return null;
    }
    Cotangents.requireParamGrad(paramGrad, net.size);
    if (paramGrad != lastGrad) {
      lastGradViews = net.views(paramGrad, 0);
      lastGrad = paramGrad;
    }
    return lastGradViews;
  }

  @Override
  public LogitEnergy copy() {
    LogitEnergy c = new LogitEnergy(dim(), classes(), hidden(), seed);
    c.params.assign(params);
    return c;
  }

  @Override
  public String toString() {
    return (net.layers == 0 ? "LinearEnergy" : "MlpEnergy") + "{d=" + dim() + ", K=" + classes()
        + (net.layers == 0 ? "" : ", hidden=" + Arrays.toString(hidden()) + ", tanh") + ", P=" + net.size + "}";
  }
}
