package io.aiops.catalog.step.results;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collects a step's Tekton results and writes them, one file each, under the results directory. Tekton carries them
 * in the step's termination message, counted with its framing and with every result file an earlier step of the
 * Task left there ({@link TerminationMessage}); the writer refuses what would not fit in {@link #LIMIT_BYTES}
 * before writing anything: large data belongs in the artifacts directory or a workspace.
 */
public final class Results {
  public static final int LIMIT_BYTES = TerminationMessage.LIMIT_BYTES;

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

  /** The termination message these results make, beside the result files already in the directory. */
  public int terminationMessageBytes() {
    Map<String, String> all = new LinkedHashMap<>(earlierResults());
    values.forEach((result, value) -> all.put(result.resultName(), value));
    return TerminationMessage.bytes(all);
  }

  /** Writes every result put so far; nothing is written when they would not fit. */
  public void write() {
    int size = terminationMessageBytes();
    if (size > LIMIT_BYTES) {
      throw new StepException(StepExit.INTERNAL, String.format(
          "results would make a %d-byte termination message (values %d bytes, with Tekton's framing and the "
              + "Task's earlier results), over its %d-byte limit (%s); write large data to the artifacts "
              + "directory or a workspace and put its path in a result", size, sizeBytes(), LIMIT_BYTES,
          values.keySet()));
    }
    if (enabled) {
      values.forEach((result, value) -> AtomicFiles.write(dir.resolve(result.resultName()), value));
    }
  }

  private Map<String, String> earlierResults() {
    Map<String, String> earlier = new TreeMap<>();
    if (!enabled || dir == null || !Files.isDirectory(dir)) {
      return earlier;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".")) {
          earlier.put(name, Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // an unreadable neighbour is Tekton's problem to report; this step's own budget is still checked
    }
    return earlier;
  }
}
