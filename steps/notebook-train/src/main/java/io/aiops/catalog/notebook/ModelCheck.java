package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.results.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model a successful run must leave: present, not trivially small, recorded by sha256 and size. */
final class ModelCheck {
  private final StepLog log;
  private final CollectReport report;
  private final Results results;

  ModelCheck(StepLog log, CollectReport report, Results results) {
    this.log = log;
    this.report = report;
    this.results = results;
  }

  int check(Path model, long minBytes, Path data) {
    if (!Files.isRegularFile(model)) {
      results.write();
      throw StepException.checkFailed("the notebook ran without error but saved no model at " + model
          + ": check MODEL_DIR/MODEL_NAME in the notebook and the Task's model-file param");
    }
    long size;
    try {
      size = Files.size(model);
    } catch (IOException e) {
      throw StepException.checkFailed("cannot read model " + model + ": " + e.getMessage());
    }
    if (size < minBytes) {
      results.write();
      throw StepException.checkFailed(String.format("model %s is %d bytes, under --min-model-bytes=%d: the "
          + "notebook saved something, but not a trained model", model, size, minBytes));
    }
    String sha = CollectReport.sha256(model);
    Path metrics = model.resolveSibling("metrics.json");
    boolean hasMetrics = Files.isRegularFile(metrics);
    if (hasMetrics) {
      report.keepFile("metrics.json", metrics);
    }
    JsonNode source = data == null ? null : DataSourceRecord.read(data).orElse(null);
    String used = source == null ? "unknown" : source.path("used").asText("unknown");
    long rows = source == null ? 0 : source.path("rows").asLong();
    if (source != null && !source.path("fallbackReason").isNull()) {
      log.warn("this model was trained on SYNTHETIC data: %s", source.path("fallbackReason").asText());
    }
    log.info("model %s: %d bytes, sha256 %s; data %s (%d real rows)%s", model, size, sha, used, rows,
        hasMetrics ? "; metrics.json kept" : "");
    results.put(NotebookResult.MODEL_PATH, model).put(NotebookResult.MODEL_SHA256, sha)
        .put(NotebookResult.MODEL_BYTES, size).put(NotebookResult.DATA_SOURCE, used).put(NotebookResult.ROWS, rows)
        .put(NotebookResult.METRICS_FILE, hasMetrics ? metrics : "").write();
    return StepExit.OK;
  }
}
