package io.aiops.catalog.notify;

import java.util.Locale;
import java.util.Optional;

/** How a pipeline run ended, as a finally task sees it: Tekton's $(tasks.status), the gate's report, where to look. */
record RunOutcome(String pipeline, String pipelineRun, String namespace, Status status, Optional<GateReport> gate,
    String detailsUrl) {

  /** Tekton's aggregate status of the pipeline's tasks, as given to a finally task by $(tasks.status). */
  enum Status {
    SUCCEEDED("succeeded"), COMPLETED("completed (some tasks skipped)"), FAILED("failed"), NONE("did not finish");

    final String words;

    Status(String words) {
      this.words = words;
    }

    boolean ok() {
      return this == SUCCEEDED || this == COMPLETED;
    }

    static Status of(String tektonStatus) {
      return switch (tektonStatus.trim().toLowerCase(Locale.ROOT)) {
        case "succeeded" -> SUCCEEDED;
        case "completed" -> COMPLETED;
        case "failed" -> FAILED;
        case "none" -> NONE;
        default -> throw new IllegalArgumentException(tektonStatus);
      };
    }
  }

  /** "model-retraining succeeded: PipelineRun anomaly-x7k2p in models". */
  String headline() {
    return pipeline + " " + status.words + ": PipelineRun " + pipelineRun
        + (namespace == null || namespace.isBlank() ? "" : " in " + namespace);
  }

  /** "gate PASS: recall 0.875, precision 0.07, ...", or empty without a gate report. */
  Optional<String> gateLine() {
    return gate.map(g -> {
      StringBuilder line = new StringBuilder("gate ").append(g.verdict());
      String sep = ": ";
      for (var f : g.figures().entrySet()) {
        line.append(sep).append(f.getKey()).append(' ').append(f.getValue());
        sep = ", ";
      }
      return line.toString();
    });
  }
}
