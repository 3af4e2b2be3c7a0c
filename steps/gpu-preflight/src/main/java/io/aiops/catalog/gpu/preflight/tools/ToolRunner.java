package io.aiops.catalog.gpu.preflight.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a node tool from an argument list (never through a shell) with a timeout. Output goes to temp files, not
 * pipes, so a chatty tool cannot block on a full pipe while we wait for it.
 */
public class ToolRunner {
  /** How a run ended. {@code missing}: the executable is not installed; {@code timedOut}: killed at the deadline. */
  public record Run(List<String> command, int exitCode, String stdout, String stderr, boolean missing,
      boolean timedOut) {
    public boolean ok() {
      return !missing && !timedOut && exitCode == 0;
    }

    /** Why the run cannot be judged, for an ERROR finding. */
    public String problem() {
      if (missing) {
        return command.get(0) + " is not installed in this image (or not on PATH)";
      }
      if (timedOut) {
        return String.join(" ", command) + " timed out";
      }
      String err = stderr.isBlank() ? stdout : stderr;
      String last = err.strip().lines().reduce((a, b) -> b).orElse("");
      return String.join(" ", command) + " exited " + exitCode + (last.isEmpty() ? "" : ": " + last);
    }
  }

  public Run run(List<String> command, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("gpu-preflight-", ".out");
      err = Files.createTempFile("gpu-preflight-", ".err");
      Process p;
      try {
        p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      } catch (IOException notFound) {
        return new Run(command, -1, "", String.valueOf(notFound.getMessage()), true, false);
      }
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      return new Run(command, done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), false, !done);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(command, -1, "", "interrupted", false, true);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
