package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the kernel watch (an nbconvert configuration prepare writes, loaded by the execute step) recorded in
 * kernel-state.json: the code cell that was running, the kernel's exit status when it died, and the step cgroup's
 * oom_kill count before the run and at the kernel's death.
 */
record KernelState(OptionalInt cell, OptionalInt exitStatus, OptionalInt oomKillsBefore, OptionalInt oomKillsAfter) {
  static final String CONFIG = "jupyter_nbconvert_config.py";
  static final String FILE = "kernel-state.json";
  static final int SIGKILL = 9;

  static final KernelState UNKNOWN = new KernelState(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
      OptionalInt.empty());

  /** Writes the watch into dir (group-writable: the notebook image writes kernel-state.json there). */
  static void writeWatch(Path dir) {
    PrepareCommand.sharedDirectory(dir);
    try (InputStream in = KernelState.class.getResourceAsStream("/kernel-watch/" + CONFIG)) {
      AtomicFiles.write(dir.resolve(CONFIG), in.readAllBytes());
      // a state left by an earlier run in the same directory would describe that run
      Files.deleteIfExists(dir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kernel watch into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The state in file; UNKNOWN when there is none (an older nbclient, or the watch was not loaded). */
  static KernelState read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return UNKNOWN;
    }
    try {
      JsonNode j = Notebook.JSON.readTree(Files.readString(file));
      return j == null || !j.isObject() ? UNKNOWN
          : new KernelState(integer(j, "cell"), integer(j, "exitCode"), integer(j, "oomKillsBefore"),
              integer(j, "oomKillsAfter"));
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  private static OptionalInt integer(JsonNode j, String field) {
    JsonNode n = j.get(field);
    return n != null && n.isIntegralNumber() ? OptionalInt.of(n.asInt()) : OptionalInt.empty();
  }

  /** The signal that ended the kernel (Popen's returncode is minus the signal), if one did. */
  OptionalInt signal() {
    return exitStatus().isPresent() && exitStatus().getAsInt() < 0 ? OptionalInt.of(-exitStatus().getAsInt())
        : OptionalInt.empty();
  }

  /** The exit code a shell or Kubernetes shows for it: 128 + signal, or the code itself. */
  Optional<Integer> shellExitCode() {
    if (exitStatus().isEmpty()) {
      return Optional.empty();
    }
    int s = exitStatus().getAsInt();
    return Optional.of(s < 0 ? 128 - s : s);
  }

  /** The step cgroup counted an OOM kill during the run. */
  boolean oomKillCounted() {
    return oomKillsBefore().isPresent() && oomKillsAfter().isPresent()
        && oomKillsAfter().getAsInt() > oomKillsBefore().getAsInt();
  }

  String atCell() {
    return cell().isPresent() ? " at cell " + cell().getAsInt() : "";
  }
}
