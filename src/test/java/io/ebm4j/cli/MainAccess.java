package io.ebm4j.cli;

/** Lets tests in other packages call the CLI without exiting the JVM. */
public final class MainAccess {
  private MainAccess() {}

  public static int run(String... args) {
    return Main.run(args);
  }
}
