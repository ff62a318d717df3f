package io.ebm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JShell start-up script (src/main/jshell/ebm4j.jsh) and snippets written against it run in a real JShell with
 * the test class path: any rejected snippet or thrown exception fails the test.
 */
class JShellScriptTest {
  private static final Path SCRIPT = Path.of("src/main/jshell/ebm4j.jsh");

  private JShell shell;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeEach
  void open() throws Exception {
    PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8);
    // "local": snippets run in this JVM (no second JVM, no JDI), against the same class path.
    shell = JShell.builder().executionEngine("local").out(ps).err(ps).build();
    for (String entry : testClassPath()) {
      shell.addToClasspath(entry);
    }
    evalAll(Files.readString(SCRIPT));
  }

  @AfterEach
  void close() {
    if (shell != null) {
      shell.close();
    }
  }

  @Test
  void startupScriptImportsResolve() {
    assertTrue(shell.imports().count() >= 5, "the script's imports are active");
  }

  @Test
  void trivialSnippetRuns() {
    List<String> values = evalAll("var z = Nd4j.zeros(2);\nz.length()");
    assertEquals("2", values.get(values.size() - 1));
  }

  /** The fluent API as a notebook cell would use it: typed runs, no casts. */
  @Test
  void fluentApiSnippetRuns() {
    evalAll(String.join("\n",
        "var truth = Energies.twoWells(-10, 10).withMassOfB(0.8);",
        "var data = truth.sample(2_000, 42);",
        "var run = Ebm.train(Energies.twoWells(-10, 10).withMassOfB(0.2)).on(data)",
        "    .method(Methods.jarzynski(Kernels.ula(0.1)).walkers(2_000).resampleBelowEss(0.5))",
        "    .optimizer(new Sgd(0.05)).steps(200).seed(42)",
        "    .track(\"massOfB\", TwoWells::massOfB).run();",
        "Table h = run.history();",
        "double q = run.model().massOfB();",
        "XYChart c = Plots.history(run, \"massOfB\");",
        "if (h.rowCount() != 201) throw new AssertionError(\"rows \" + h.rowCount());"));
  }

  /** A study from JShell: settings through the same parser as the CLI, a two-seed sweep, typed results. */
  @Test
  void studySweepSnippetRuns() {
    evalAll(String.join("\n",
        "var config = TwoWellsConfig.defaults().with(\"steps\", 20).with(\"walkers\", \"300\").with(\"dataSize\", 300)",
        "    .with(\"methods\", \"exact,jarzynski\");",
        "Result r = new TwoWellsStudy().run(Sweep.of(config).set(\"seeds\", \"0..1\"));",
        "if (r.summary().rowCount() != 8) throw new AssertionError(\"rows \" + r.summary().rowCount());",
        "Figure f = r.figure(\"mass-of-b-q0-0.2\");"));
  }

  /** Evaluates source snippet by snippet; fails on any snippet that is not VALID (rejected, unresolved references) or that throws. */
  private List<String> evalAll(String source) {
    List<String> values = new ArrayList<>();
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    String rest = source;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
      if (!info.completeness().isComplete()) {
        fail("incomplete snippet: " + rest.strip());
      }
      String snippet = info.source();
      rest = info.remaining();
      for (SnippetEvent e : shell.eval(snippet)) {
        if (e.exception() != null) {
          fail("snippet threw: " + snippet.strip() + "\n" + e.exception() + "\nconsole:\n" + console, e.exception());
        }
        if (e.causeSnippet() == null && e.status() != Snippet.Status.VALID) {
          String diags = shell.diagnostics(e.snippet())
              .map(Diag::toString)
              .collect(Collectors.joining("\n"));
          String messages = shell.diagnostics(e.snippet())
              .map(d -> d.getMessage(null))
              .collect(Collectors.joining("\n"));
          fail("snippet " + e.status() + ": " + snippet.strip() + "\n" + messages + "\n" + diags);
        }
        if (e.causeSnippet() == null && e.value() != null) {
          values.add(e.value());
        }
      }
    }
    return values;
  }

  /** Surefire's real test class path (it may hide it behind a manifest-only jar), else java.class.path. */
  private static List<String> testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank() && new File(e).exists()) {
        out.add(e);
      }
    }
    return out;
  }
}
