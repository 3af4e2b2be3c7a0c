package io.aiops.catalog.runner.status;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunResult;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One PipelineRun as the status shows it: what, how it ended, how long, on what data, and what the gate said. */
record RunView(String namespace, String name, String model, String pipeline, Kind kind, Outcome outcome,
    Instant start, Duration duration, String dataSource, String window, String verdict, Map<String, String> figures,
    String failedClauses, String modelSha256) {

  static final String MODEL_LABEL = "aiops-catalog/model";
  static final String PIPELINE_LABEL = "tekton.dev/pipeline";
  static final String PIPELINE_RUN_LABEL = "tekton.dev/pipelineRun";
  /** Gate results shown beside a run, in this order. */
  static final List<String> FIGURES = List.of("accuracy", "precision", "recall", "f1", "roc-auc");

  enum Kind { RETRAINING, PR_GATE }

  enum Outcome {
    SUCCEEDED, FAILED, FAILED_AT_GATE, TIMED_OUT, CANCELLED, RUNNING, PENDING;

    boolean finished() {
      return this != RUNNING && this != PENDING;
    }
  }

  /** Builds the view from the PipelineRun and, when there is one, its accuracy-gate TaskRun. */
  static RunView of(PipelineRun run, TaskRun gate, Instant now) {
    var meta = run.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> params = new LinkedHashMap<>();
    if (run.getSpec() != null && run.getSpec().getParams() != null) {
      for (Param p : run.getSpec().getParams()) {
        params.put(p.getName(), p.getValue() == null ? "" : Objects.toString(p.getValue().getStringVal(), ""));
      }
    }
    Map<String, String> results = new LinkedHashMap<>();
    var status = run.getStatus();
    if (status != null && status.getResults() != null) {
      for (PipelineRunResult r : status.getResults()) {
        results.put(r.getName(), r.getValue() == null ? "" : Objects.toString(r.getValue().getStringVal(), ""));
      }
    }
    Map<String, String> gateResults = new LinkedHashMap<>();
    if (gate != null && gate.getStatus() != null && gate.getStatus().getResults() != null) {
      for (TaskRunResult r : gate.getStatus().getResults()) {
        gateResults.put(r.getName(), r.getValue() == null ? "" : Objects.toString(r.getValue().getStringVal(), ""));
      }
    }
    String verdict = gateResults.getOrDefault("verdict", results.getOrDefault("verdict", ""));
    Map<String, String> figures = new LinkedHashMap<>();
    FIGURES.forEach(f -> {
      String v = gateResults.get(f);
      if (v != null && !v.isBlank()) {
        figures.put(f, v);
      }
    });
    String pipeline = labels.getOrDefault(PIPELINE_LABEL, run.getSpec() != null && run.getSpec().getPipelineRef()
        != null ? run.getSpec().getPipelineRef().getName() : "");
    String model = labels.getOrDefault(MODEL_LABEL, params.getOrDefault("model-name", "(unlabelled)"));
    Instant start = status != null && status.getStartTime() != null ? Instant.parse(status.getStartTime())
        : Instant.parse(meta.getCreationTimestamp());
    Instant end = status != null && status.getCompletionTime() != null ? Instant.parse(status.getCompletionTime())
        : now;
    String hours = params.get("training-hours");
    return new RunView(meta.getNamespace(), meta.getName(), model, pipeline,
        pipeline.equals("pr-model-gate") ? Kind.PR_GATE : Kind.RETRAINING, outcome(status == null ? null
        : status.getConditions(), verdict), start, Duration.between(start, end),
        results.getOrDefault("data-source", params.getOrDefault("data-source", "")),
        hours == null || hours.isBlank() ? "" : hours + "h", verdict, figures,
        gateResults.getOrDefault("failed-clauses", ""), results.getOrDefault("model-sha256", ""));
  }

  /** Tekton's Succeeded condition, with a failed gate named as such: the reason people ask "did it work?". */
  static Outcome outcome(List<Condition> conditions, String verdict) {
    Condition succeeded = conditions == null ? null : conditions.stream()
        .filter(c -> "Succeeded".equals(c.getType())).findFirst().orElse(null);
    if (succeeded == null) {
      return Outcome.PENDING;
    }
    String reason = Objects.toString(succeeded.getReason(), "");
    return switch (Objects.toString(succeeded.getStatus(), "Unknown")) {
      case "True" -> Outcome.SUCCEEDED;
      case "False" -> reason.equals("PipelineRunTimeout") ? Outcome.TIMED_OUT
          : reason.startsWith("Cancelled") || reason.equals("StoppedRunFinally") ? Outcome.CANCELLED
          : "FAIL".equals(verdict) || "NO_BASELINE".equals(verdict) ? Outcome.FAILED_AT_GATE : Outcome.FAILED;
      default -> reason.equals("PipelineRunPending") ? Outcome.PENDING : Outcome.RUNNING;
    };
  }
}
