package io.aiops.catalog.runner.status;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One PipelineRun or TaskRun (tekton.dev/v1) as the status reads it, from the object the API server returned: its
 * pipeline, model, Succeeded condition, times, string params and results, and (PipelineRuns) the TaskRuns it made
 * by pipeline task name and the tasks it skipped.
 */
record RunView(String namespace, String name, String pipeline, String model, Outcome outcome, String reason,
    Instant start, Instant end, Map<String, String> params, Map<String, String> results,
    Map<String, String> children, Set<String> skippedTasks, Map<String, String> labels) {

  static final String MODEL_LABEL = "aiops-catalog/model";
  static final String PIPELINE_LABEL = "tekton.dev/pipeline";
  static final String PIPELINE_RUN_LABEL = "tekton.dev/pipelineRun";
  static final String PIPELINE_TASK_LABEL = "tekton.dev/pipelineTask";
  static final String TASK_LABEL = "tekton.dev/task";

  /** How a run stands, from its Succeeded condition's status and reason (Tekton's reasons, v1). */
  enum Outcome {
    SUCCEEDED("Succeeded"), FAILED("Failed"), TIMED_OUT("TimedOut"), CANCELLED("Cancelled"), RUNNING("Running"),
    PENDING("Pending");

    final String shown;

    Outcome(String shown) {
      this.shown = shown;
    }

    boolean finished() {
      return this != RUNNING && this != PENDING;
    }

    static Outcome of(String status, String reason) {
      String r = reason == null ? "" : reason;
      if ("True".equals(status)) {
        return SUCCEEDED; // Succeeded, or Completed (some tasks skipped)
      }
      if ("False".equals(status)) {
        if (r.contains("Timeout") || r.contains("TimedOut")) {
          return TIMED_OUT; // PipelineRunTimeout, TaskRunTimeout
        }
        return r.startsWith("Cancelled") || r.startsWith("Stopped") || r.endsWith("Cancelled") ? CANCELLED : FAILED;
      }
      return status == null || r.endsWith("Pending") ? PENDING : RUNNING;
    }
  }

  static RunView of(TektonRun run) {
    ObjectMeta meta = run.metadata != null ? run.metadata : new ObjectMeta();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    TektonRun.Spec spec = run.spec != null ? run.spec : new TektonRun.Spec();
    TektonRun.Status status = run.status != null ? run.status : new TektonRun.Status();
    Map<String, String> params = named(spec.params);
    Map<String, String> results = named(status.results);
    String pipeline = labels.getOrDefault(PIPELINE_LABEL, spec.pipelineRef == null ? "" : text(spec.pipelineRef.name));
    String model = labels.getOrDefault(MODEL_LABEL, params.getOrDefault("model-name", ""));
    String conditionStatus = null;
    String reason = "";
    for (TektonRun.Condition condition : list(status.conditions)) {
      if ("Succeeded".equals(condition.type)) {
        conditionStatus = text(condition.status);
        reason = text(condition.reason);
      }
    }
    Outcome outcome = Outcome.of(conditionStatus, reason);
    if (conditionStatus == null && "PipelineRunPending".equals(spec.status)) {
      reason = "PipelineRunPending";
    }
    Map<String, String> children = new LinkedHashMap<>();
    for (TektonRun.Child child : list(status.childReferences)) {
      children.put(text(child.pipelineTaskName), text(child.name));
    }
    Set<String> skipped = new HashSet<>();
    for (TektonRun.Named s : list(status.skippedTasks)) {
      skipped.add(text(s.name));
    }
    Instant start = time(status.startTime);
    return new RunView(meta.getNamespace(), meta.getName(), pipeline, model, outcome, reason,
        start != null ? start : time(meta.getCreationTimestamp()), time(status.completionTime), params, results,
        children, skipped, labels);
  }

  /** Wall time: start to completion, or to {@code now} while it runs. */
  Duration duration(Instant now) {
    if (start == null) {
      return Duration.ZERO;
    }
    Instant until = end != null ? end : outcome.finished() ? start : now;
    return until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
  }

  /** The pipeline task this TaskRun ran for (Tekton's label). */
  String pipelineTask() {
    return labels.getOrDefault(PIPELINE_TASK_LABEL, "");
  }

  /** The Task this TaskRun ran (Tekton's label, set for a taskRef by name). */
  String task() {
    return labels.getOrDefault(TASK_LABEL, "");
  }

  /**
   * Whether model-validate ran in this run and passed: it compared the served model with model-sha256 (task
   * validate), or promoted it and proved it served (model-retraining's task promote).
   */
  boolean validated() {
    return outcome == Outcome.SUCCEEDED && VALIDATING.stream()
        .anyMatch(t -> children.containsKey(t) && !skippedTasks.contains(t));
  }

  private static final List<String> VALIDATING = List.of("validate", "promote");

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static String text(Object o) {
    return o == null ? "" : o instanceof String s ? s : o.toString();
  }

  /** Params or results: {name, value}, a string value as it is (arrays and objects as their text). */
  private static Map<String, String> named(List<TektonRun.Named> entries) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TektonRun.Named entry : list(entries)) {
      out.put(text(entry.name), text(entry.value).strip());
    }
    return out;
  }

  private static Instant time(Object o) {
    if (o == null || text(o).isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text(o));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
