package io.ebm4j.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Frees ND4J's native memory between test classes. ND4J allocates array memory outside the Java heap and releases it
 * only when the garbage collector finds the small Java objects that own it; the test JVM's heap rarely fills, so
 * without a collection that memory accumulates over the suite (it reached 23 GB and the kernel killed the JVM). A
 * full collection after each test class bounds it by the largest class. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class NativeMemoryListener implements TestExecutionListener {
  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
      System.gc();
    }
  }
}
