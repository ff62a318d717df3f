package io.ebm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main sources (imports and fully qualified references in code; class names in string
 * literals, loaded by reflection, do not count): no cycles, and the lower layers
 * (energy, sample, estimate, train, nn, nd, random, progress) never reach up to show, study, experiment, cli or
 * tribuo.
 */
class PackageLayeringTest {
  private static final Pattern REF = Pattern.compile("\\bio\\.ebm4j((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    Path root = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
        Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
        for (String line : Files.readAllLines(f)) {
          String code = line.strip();
          if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*") || code.startsWith("package ")) {
            continue;
          }
          // string literals name classes loaded by reflection (optional Spark, notebook kernels): not dependencies
          Matcher m = REF.matcher(code.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""));
          while (m.find()) {
            String dep = "io.ebm4j" + m.group(1);
            if (!dep.equals(pkg)) {
              deps.add(dep);
            }
          }
        }
      }
    }
    return g;
  }

  @Test
  void thePackageGraphHasNoCycle() throws IOException {
    Map<String, Set<String>> g = graph();
    List<String> cycles = new ArrayList<>();
    for (String a : g.keySet()) {
      for (String b : g.get(a)) {
        if (reaches(g, b, a, new TreeSet<>())) {
          cycles.add(a + " -> " + b);
        }
      }
    }
    assertEquals(List.of(), cycles, "edges on a cycle; graph: " + g);
  }

  @Test
  void lowerLayersDoNotImportShowStudyExperimentCliOrTribuo() throws IOException {
    Map<String, Set<String>> g = graph();
    Set<String> upper = Set.of("io.ebm4j.show", "io.ebm4j.show.notebook", "io.ebm4j.study", "io.ebm4j.experiment",
        "io.ebm4j.cli", "io.ebm4j.tribuo");
    for (String lower : List.of("io.ebm4j.energy", "io.ebm4j.sample", "io.ebm4j.estimate", "io.ebm4j.train",
        "io.ebm4j.nn", "io.ebm4j.nd", "io.ebm4j.random", "io.ebm4j.progress")) {
      for (String dep : g.getOrDefault(lower, Set.of())) {
        assertTrue(!upper.contains(dep), lower + " imports " + dep);
      }
    }
  }

  private static boolean reaches(Map<String, Set<String>> g, String from, String to, Set<String> seen) {
    if (from.equals(to)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String n : g.getOrDefault(from, Set.of())) {
      if (reaches(g, n, to, seen)) {
        return true;
      }
    }
    return false;
  }

  /** Prints the graph (for the README's package diagram). */
  public static void main(String[] args) throws IOException {
    graph().forEach((k, v) -> System.out.println(k + " -> " + v));
  }
}
