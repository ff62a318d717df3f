package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the two-well study. The defaults are the paper's full settings; every field can be set from the command
 * line ({@code --set walkers=2000}) or a notebook ({@code TwoWellsConfig.defaults().with("walkers", 2000)}); seeds
 * are set on the sweep ({@code --set seeds=0..4}).
 *
 * @param a centre of mode a (1-D)
 * @param b centre of mode b
 * @param massOfB target mass q* of mode b
 * @param dataSize number n of data points
 * @param walkers number N of walkers (PCD, Jarzynski)
 * @param stepSize ULA step h
 * @param learningRate plain gradient-descent rate on z
 * @param steps training steps K
 * @param initialMasses initial masses q0 of mode b
 * @param methods methods among score-matching, exact, cd, pcd, jarzynski, control
 * @param cdSteps k of CD-k
 * @param resampleBelowEss Jarzynski resampling threshold on ESS/N, in (0, 1]
 * @param resampling multinomial or systematic
 * @param controlInitialMass q0 of the negative control (Jarzynski with walkers 50/50 between the wells)
 * @param logEvery history row every this many steps
 */
public record TwoWellsConfig(double a, double b, double massOfB, int dataSize, int walkers, double stepSize,
    double learningRate, int steps, List<Double> initialMasses, List<String> methods, int cdSteps,
    double resampleBelowEss, String resampling, double controlInitialMass, int logEvery)
    implements Config<TwoWellsConfig> {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("score-matching", "exact", "cd", "pcd", "jarzynski", "control");

  public TwoWellsConfig {
    if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
      throw new IllegalArgumentException("a and b must be finite and differ, got a=" + a + " b=" + b);
    }
    requireMass("massOfB", massOfB);
    requireMass("controlInitialMass", controlInitialMass);
    if (dataSize < 1) {
      throw new IllegalArgumentException("dataSize must be at least 1, got " + dataSize);
    }
    if (walkers < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + walkers);
    }
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + stepSize);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (initialMasses == null || initialMasses.isEmpty()) {
      throw new IllegalArgumentException("initialMasses must not be empty");
    }
    initialMasses.forEach(q -> requireMass("initialMasses", q));
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "'; known: " + String.join(", ",
            new java.util.TreeSet<>(METHODS)));
      }
    }
    if (cdSteps < 1) {
      throw new IllegalArgumentException("cdSteps must be at least 1, got " + cdSteps);
    }
    if (!(resampleBelowEss > 0 && resampleBelowEss <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + resampleBelowEss);
    }
    io.ebm4j.sample.Resampling.parse(resampling);
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
    }
    initialMasses = List.copyOf(initialMasses);
    methods = List.copyOf(methods);
  }

  private static void requireMass(String name, double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), got " + q);
    }
  }

  /** The paper's settings: a=-10, b=10, q*=0.8, n=N=10^4, h=0.1, lr=0.05, K=3000, q0 in {0.5, 0.2}. */
  public static TwoWellsConfig defaults() {
    return new TwoWellsConfig(-10, 10, 0.8, 10_000, 10_000, 0.1, 0.05, 3000, List.of(0.5, 0.2),
        List.of("score-matching", "exact", "cd", "pcd", "jarzynski", "control"), 4, 0.5, "systematic", 0.2, 1);
  }
}
