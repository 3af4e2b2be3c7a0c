package io.aiops.catalog.step.results;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects a step's Tekton results and writes them, one file each, under the results directory. Tekton keeps
 * results in the pod's termination message (4096 bytes for all containers together), so the writer refuses to
 * write more than {@link #LIMIT_BYTES}: large data belongs in the artifacts directory or a workspace.
 */
public final class Results {
  public static final int LIMIT_BYTES = 4096;

  private final Path dir;
  private final boolean enabled;
  private final Map<StepResult, String> values = new LinkedHashMap<>();

  /** @param enabled false outside Tekton when no directory was asked for: results are then only checked */
  public Results(Path dir, boolean enabled) {
    this.dir = dir;
    this.enabled = enabled;
  }

  public Results put(StepResult result, Object value) {
    values.put(result, String.valueOf(value));
    return this;
  }

  public Map<StepResult, String> values() {
    return Map.copyOf(values);
  }

  public int sizeBytes() {
    return values.values().stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  /** Writes every result put so far; nothing is written when they would not fit. */
  public void write() {
    int size = sizeBytes();
    if (size > LIMIT_BYTES) {
      throw new StepException(StepExit.INTERNAL, String.format(
          "results would take %d bytes, over Tekton's %d-byte limit (%s); write large data to the artifacts "
              + "directory or a workspace and put its path in a result", size, LIMIT_BYTES, values.keySet()));
    }
    if (enabled) {
      values.forEach((result, value) -> AtomicFiles.write(dir.resolve(result.resultName()), value));
    }
  }
}
