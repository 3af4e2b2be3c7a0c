package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a {@code jupyter nbconvert --execute} run ended, told apart from what it left: the executed notebook (written
 * only when nbconvert got to the end; with --allow-errors cell errors are in it), its stderr and its exit code.
 */
record ExecutionOutcome(Kind kind, String message, CellError error) {
  enum Kind {
    SUCCEEDED("succeeded"), CELL_ERROR("cell-error"), OOM_KILLED("oom-killed"), KERNEL_DIED("kernel-died"),
    KERNEL_START_TIMEOUT("kernel-start-timeout"), EXECUTION_TIMEOUT("execution-timeout"),
    IOPUB_TIMEOUT("iopub-timeout"), NBCONVERT_FAILED("nbconvert-failed");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The first cell with an error output: later errors usually follow from it. */
  record CellError(int cellIndex, Integer executionCount, String source, String ename, String evalue,
      List<String> traceback, int errorCells) {}

  record Limits(long startSeconds, long executionSeconds, long iopubSeconds) {}

  static final String RAISE_MEMORY = "raise the train task's memory limit (taskRunSpecs computeResources) or reduce "
      + "the window";

  static ExecutionOutcome classify(Optional<Notebook> executed, String log, OptionalInt exitCode, Limits limits,
      KernelState kernel) {
    Optional<CellError> error = executed.flatMap(ExecutionOutcome::firstError);
    if (error.isPresent()) {
      CellError e = error.get();
      String more = e.errorCells() > 1 ? " (" + (e.errorCells() - 1) + " later cell(s) failed too, probably as a "
          + "consequence)" : "";
      return new ExecutionOutcome(Kind.CELL_ERROR, String.format("cell %d (execution count %s) raised %s: %s%s",
          e.cellIndex(), e.executionCount(), e.ename(), e.evalue(), more), e);
    }
    boolean kernelDied = log.contains("DeadKernelError") || log.contains("Kernel died");
    if (kernelDied && (kernel.oomKillCounted() || kernel.signal().orElse(0) == KernelState.SIGKILL)) {
      return new ExecutionOutcome(Kind.OOM_KILLED, kernel.oomKillCounted()
          ? String.format("the notebook kernel was OOM-killed (exit %s, the step's cgroup counted %d OOM kill(s))%s: "
              + "%s", kernel.shellExitCode().map(String::valueOf).orElse("unknown"), kernel.oomKillsAfter().getAsInt()
              - kernel.oomKillsBefore().getAsInt(), kernel.atCell(), RAISE_MEMORY)
          : String.format("the notebook kernel was OOM-killed (exit 137: killed by SIGKILL, as the OOM killer does)%s: "
              + "%s", kernel.atCell(), RAISE_MEMORY), null);
    }
    if (exitCode.isPresent() && exitCode.getAsInt() == 128 + KernelState.SIGKILL) {
      return new ExecutionOutcome(Kind.OOM_KILLED, String.format("jupyter nbconvert was OOM-killed (exit 137: killed "
          + "by SIGKILL, as the OOM killer does)%s: %s", kernel.atCell(), RAISE_MEMORY), null);
    }
    // nbclient's own words (nbclient/client.py, jupyter_client/client.py), checked most specific first
    if (log.contains("Kernel didn't respond in") || log.contains("Kernel died before replying to kernel_info")
        || log.contains("NoSuchKernel")) {
      return new ExecutionOutcome(Kind.KERNEL_START_TIMEOUT, String.format("the kernel did not start within the "
          + "start timeout (%ds): %s; check the image's kernelspec, or raise start-timeout on a slow node",
          limits.startSeconds(), lastLineWith(log, "Kernel", "NoSuchKernel")), null);
    }
    if (kernelDied && kernel.exitStatus().isPresent()) {
      return new ExecutionOutcome(Kind.KERNEL_DIED, String.format("the notebook kernel died%s with %s (exit %d), "
          + "not killed for memory: %s", kernel.atCell(), kernel.signal().isPresent() ? "signal "
          + kernel.signal().getAsInt() : "status " + kernel.exitStatus().getAsInt(), kernel.shellExitCode().get(),
          lastLineWith(log, "Kernel died", "DeadKernelError")), null);
    }
    if (kernelDied) {
      return new ExecutionOutcome(Kind.KERNEL_DIED, "the kernel died while a cell ran (most often OOM-killed: "
          + RAISE_MEMORY + "): " + lastLineWith(log, "Kernel died", "DeadKernelError"), null);
    }
    if (log.contains("CellTimeoutError") || log.contains("A cell timed out while it was being executed")) {
      return new ExecutionOutcome(Kind.EXECUTION_TIMEOUT, String.format("a cell ran longer than the execution "
          + "timeout (%ds per cell): %s", limits.executionSeconds(), lastLineWith(log, "timed out")), null);
    }
    if (log.contains("Timeout waiting for IOPub output")) {
      // papermill and nbconvert exit 0 here, with outputs silently cut: the notebook cannot be trusted
      return new ExecutionOutcome(Kind.IOPUB_TIMEOUT, String.format("outputs were cut: the kernel's output did not "
          + "arrive within the IOPub timeout (%ds) and nbconvert went on; raise iopub-timeout",
          limits.iopubSeconds()), null);
    }
    if (exitCode.isPresent() && exitCode.getAsInt() != 0) {
      return new ExecutionOutcome(Kind.NBCONVERT_FAILED, "jupyter nbconvert exited with " + exitCode.getAsInt()
          + ": " + tail(log), null);
    }
    if (executed.isEmpty()) {
      return new ExecutionOutcome(Kind.NBCONVERT_FAILED, "no executed notebook was written: " + tail(log), null);
    }
    return new ExecutionOutcome(Kind.SUCCEEDED, "every cell ran", null);
  }

  static Optional<CellError> firstError(Notebook nb) {
    CellError first = null;
    int count = 0;
    for (int i = 0; i < nb.cells().size(); i++) {
      JsonNode cell = nb.cells().get(i);
      for (JsonNode output : cell.path("outputs")) {
        if ("error".equals(output.path("output_type").asText())) {
          count++;
          if (first == null) {
            List<String> tb = new java.util.ArrayList<>();
            output.path("traceback").forEach(t -> tb.add(stripAnsi(t.asText())));
            JsonNode n = cell.get("execution_count");
            first = new CellError(i, n == null || n.isNull() ? null : n.asInt(), excerpt(Notebook.source(cell)),
                output.path("ename").asText(), output.path("evalue").asText(), tb, 0);
          }
          break;
        }
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    return Optional.of(new CellError(first.cellIndex(), first.executionCount(), first.source(), first.ename(),
        first.evalue(), first.traceback(), count));
  }

  static String stripAnsi(String s) {
    return s.replaceAll("\u001B\\[[;\\d]*[A-Za-z]", "");
  }

  private static String excerpt(String source) {
    return source.length() > 600 ? source.substring(0, 600) + "\n..." : source;
  }

  private static String lastLineWith(String log, String... needles) {
    String[] lines = log.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      for (String n : needles) {
        if (lines[i].contains(n)) {
          return lines[i].strip();
        }
      }
    }
    return "";
  }

  static String tail(String log) {
    String[] lines = log.strip().split("\n");
    int from = Math.max(0, lines.length - 3);
    String t = String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    return t.isEmpty() ? "(no output)" : t;
  }
}
