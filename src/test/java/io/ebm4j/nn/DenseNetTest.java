package io.ebm4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The conditioner network's reverse pass against central finite differences of its forward pass. */
class DenseNetTest {
  private static final int IN = 3;
  private static final int OUT = 4;
  private static final int N = 5;

  /** sum_i obar_i . net(c_i) for the given parameters. */
  private static double contracted(DenseNet net, INDArray params, INDArray c, INDArray obar) {
    DenseNet.Work w = net.new Work(N);
    net.forward(net.new Views(params), Batches.buffer(params), c, w);
    return w.out.mul(obar).sumNumber().doubleValue();
  }

  @Test
  void backwardGivesTheVectorJacobianProductsInInputsAndParameters() {
    for (Activation act : new Activation[] {Activation.TANH, Activation.SILU, Activation.SOFTPLUS}) {
      // offset 2 inside a longer vector, as for the later blocks of a flow
      DenseNet net = new DenseNet(IN, new int[] {6, 5}, OUT, act, 2);
      INDArray params = Batches.zeros(net.size + 2);
      new Rng(1).fillNormal(Batches.buffer(params), net.size + 2);
      params.muli(0.7);
      INDArray c = Batches.zeros(N, IN);
      new Rng(2).fillNormal(Batches.buffer(c), N * IN);
      INDArray obar = Batches.zeros(N, OUT);
      new Rng(3).fillNormal(Batches.buffer(obar), N * OUT);

      DenseNet.Work w = net.new Work(N);
      net.forward(net.new Views(params), Batches.buffer(params), c, w);
      INDArray cbar = Batches.zeros(N, IN);
      INDArray grad = Batches.zeros(net.size + 2);
      net.backward(net.new Views(params), w, obar, cbar, net.new Views(grad));

      double eps = 1e-6;
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < IN; j++) {
          INDArray cp = c.dup();
          INDArray cm = c.dup();
          cp.putScalar(i, j, c.getDouble(i, j) + eps);
          cm.putScalar(i, j, c.getDouble(i, j) - eps);
          double fd = (contracted(net, params, cp, obar) - contracted(net, params, cm, obar)) / (2 * eps);
          assertEquals(fd, cbar.getDouble(i, j), 1e-7, act + " cbar[" + i + ", " + j + "]");
        }
      }
      String[] names = new String[net.size + 2];
      net.names("", names);
      DoubleBuffer pb = Batches.buffer(params);
      for (int q = 0; q < net.size + 2; q++) {
        double v = pb.get(q);
        pb.put(q, v + eps);
        double fp = contracted(net, params, c, obar);
        pb.put(q, v - eps);
        double fm = contracted(net, params, c, obar);
        pb.put(q, v);
        String label = q < 2 ? "outside the net" : names[q];
        assertEquals((fp - fm) / (2 * eps), grad.getDouble(q), 1e-7, act + " " + label);
      }
    }
  }

  @Test
  void theOutputLayerStartsAtZero() {
    DenseNet net = new DenseNet(2, new int[] {8}, 3, Activation.TANH, 0);
    double[] p = new double[net.size];
    net.init(p, new SplitMix(1));
    INDArray params = Batches.vector(p);
    INDArray c = Batches.zeros(4, 2).addi(0.3);
    DenseNet.Work w = net.new Work(4);
    net.forward(net.new Views(params), Batches.buffer(params), c, w);
    assertEquals(0.0, w.out.amaxNumber().doubleValue(), 0.0);
    assertEquals(true, params.amaxNumber().doubleValue() > 0.1);
  }
}
