package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.notebook.ExecutionOutcome.Kind;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Reads what the notebook run left and fails loudly: a cell error (exit 3 with cell, ename, evalue; "
        + "error.json), the kernel dying, the kernel not starting, a cell over the execution timeout, outputs cut by "
        + "an IOPub timeout; a kernel OOM-killed is exit 4 (the step lacked memory). The executed notebook and an HTML copy are kept in --report-dir, on failure too.",
        "On success checks the model file (exists, not trivially small) and records its sha256 and size."})
class CollectCommand implements Callable<Integer> {
  @Mixin StepOptions step;

  @Option(names = "--notebook", required = true, paramLabel = "FILE", description = "The executed notebook.")
  Path notebook;

  @Option(names = "--execute-log", paramLabel = "FILE", description = "What nbconvert wrote to stderr.")
  Path executeLog;

  @Option(names = "--execute-exit-code", paramLabel = "FILE",
      description = "File holding nbconvert's exit code (Tekton: $(steps.step-execute.exitCode.path)).")
  Path executeExitCode;

  @Option(names = "--kernel-state", paramLabel = "FILE", description = "kernel-state.json, what the kernel watch "
      + "prepare wrote recorded: the running cell, the kernel's exit status, the cgroup's OOM kills.")
  Path kernelState;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file the notebook saves.")
  Path model;

  @Option(names = "--min-model-bytes", paramLabel = "N", defaultValue = "256",
      description = "A smaller model file is refused as trivially small. Default: ${DEFAULT-VALUE}.")
  long minModelBytes;

  @Option(names = "--data", paramLabel = "FILE", description = "The CSV fetch-data wrote (its .source.json says "
      + "which data the model saw).")
  Path data;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where executed.ipynb, executed.html, "
      + "error.json, execute.log and metrics.json are kept. Default: the notebook's directory.")
  @Output
  Path reportDir;

  @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "The kernel start timeout the run was given (for the message). Default: ${DEFAULT-VALUE}.")
  Duration startTimeout;

  @Option(names = "--execution-timeout", paramLabel = "DURATION", defaultValue = "1h",
      converter = DurationConverter.class, description = "The per-cell timeout the run was given. Default: "
      + "${DEFAULT-VALUE}.")
  Duration executionTimeout;

  @Option(names = "--iopub-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "The IOPub timeout the run was given. Default: ${DEFAULT-VALUE}.")
  Duration iopubTimeout;

  @Override
  public Integer call() {
    var log = step.log();
    Path dir = reportDir != null && !reportDir.toString().isBlank() ? reportDir
        : notebook.toAbsolutePath().getParent();
    CollectReport report = new CollectReport(dir, step.artifacts());
    Optional<Notebook> executed = Files.isRegularFile(notebook) ? Optional.of(Notebook.read(notebook))
        : Optional.empty();
    String nbLog = read(executeLog);
    report.keepFile("execute.log", executeLog);
    KernelState kernel = KernelState.read(kernelState);
    ExecutionOutcome outcome = ExecutionOutcome.classify(executed, nbLog, exitCode(), new ExecutionOutcome.Limits(
        startTimeout.toSeconds(), executionTimeout.toSeconds(), iopubTimeout.toSeconds()), kernel);

    Path html = null;
    if (executed.isPresent()) {
      report.keepFile("executed.ipynb", notebook);
      html = report.html(executed.get(), notebook.getFileName().toString(),
          outcome.error() == null ? null : outcome.error().cellIndex());
    }
    step.results().put(NotebookResult.OUTCOME, outcome.kind().label).put(NotebookResult.REPORT,
        html == null ? "" : html.toString());
    if (outcome.kind() != Kind.SUCCEEDED) {
      report.errorJson(errorJson(outcome, nbLog, kernel));
      if (outcome.error() != null) {
        var e = outcome.error();
        log.error("cell %d failed; its source:%n%s", e.cellIndex(), e.source());
        log.error("traceback:%n%s", String.join("\n", e.traceback()));
      }
      step.results().write();
      String message = "notebook " + notebook + ": " + outcome.message() + " (report: "
          + (html != null ? html : dir.resolve("error.json")) + ")";
      // killed for memory: the notebook may be fine, the step lacked memory (exit 4, like any resource missing)
      throw outcome.kind() == Kind.OOM_KILLED ? StepException.unavailable(message, null)
          : StepException.checkFailed(message);
    }
    return new ModelCheck(log, report, step.results()).check(model, minModelBytes, data);
  }

  private OptionalInt exitCode() {
    String text = read(executeExitCode).strip();
    return text.matches("-?\\d+") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
  }

  private static ObjectNode errorJson(ExecutionOutcome outcome, String nbLog, KernelState kernel) {
    ObjectNode j = Notebook.JSON.createObjectNode();
    j.put("kind", outcome.kind().label);
    j.put("message", outcome.message());
    // what the kernel watch saw: the cell running when the kernel died, its exit code (128 + signal)
    kernel.cell().ifPresent(c -> j.put("kernelCell", c));
    kernel.shellExitCode().ifPresent(c -> j.put("kernelExitCode", c));
    var e = outcome.error();
    if (e != null) {
      j.put("cellIndex", e.cellIndex());
      if (e.executionCount() != null) {
        j.put("executionCount", e.executionCount());
      } else {
        j.putNull("executionCount");
      }
      j.put("source", e.source());
      j.put("ename", e.ename());
      j.put("evalue", e.evalue());
      j.set("traceback", Notebook.JSON.valueToTree(e.traceback()));
      j.put("errorCells", e.errorCells());
    } else {
      String[] lines = nbLog.split("\n");
      j.set("logTail", Notebook.JSON.valueToTree(java.util.Arrays.asList(
          java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length))));
    }
    return j;
  }

  private static String read(Path p) {
    if (p == null || p.toString().isBlank() || !Files.isRegularFile(p)) {
      return "";
    }
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
