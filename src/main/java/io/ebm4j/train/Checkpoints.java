package io.ebm4j.train;

import java.util.Optional;

/**
 * Where a training run keeps its checkpoints. {@code io.ebm4j.store.CheckpointFiles} keeps them in a directory,
 * written atomically so a crash never leaves a damaged or half-written one in place of a good one.
 *
 * <pre>{@code
 * Checkpoints store = CheckpointFiles.in(Path.of("ckpt"));
 * Ebm.train(model).on(data).method(m).steps(10_000).seed(1)
 *     .checkpoints(store).checkpointEvery(500)
 *     .resumeFrom(store)          // continues from the latest checkpoint, if there is one
 *     .run();
 * }</pre>
 */
public interface Checkpoints {
  /** Stores a checkpoint, replacing the previous one only once the new one is complete. */
  void save(Checkpoint c);

  /** The latest good checkpoint, if any; a damaged one fails naming the file and what is wrong. */
  Optional<Checkpoint> latest();
}
