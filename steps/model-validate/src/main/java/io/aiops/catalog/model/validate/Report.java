package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.check.CheckReport;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;

/** The checks of a run as they come in (each logged at once), the verdict, and the summary JSON. */
final class Report {
  static final ObjectMapper JSON = Json.pretty();

  private final CheckReport checks;
  private final ObjectNode figures = JSON.createObjectNode();

  Report(StepLog log) {
    this.checks = new CheckReport(f -> {
      switch (f.status()) {
        case PASS, SKIP -> log.info("%s", f.line());
        case WARN -> log.warn("%s", f.line());
        default -> log.error("%s", f.line());
      }
    });
  }

  void add(Finding check) {
    checks.add(check);
  }

  void addAll(List<Finding> more) {
    checks.addAll(more);
  }

  /** Numbers (latency, sweep, agreement) kept in the summary beside the checks. */
  ObjectNode figures() {
    return figures;
  }

  List<Finding> checks() {
    return checks.findings();
  }

  /** The worst status of the checks so far (the step-common check model's order). */
  Status worstSoFar() {
    return checks.worstSoFar();
  }

  Status verdict() {
    return checks.verdict();
  }

  ObjectNode summary() {
    ObjectNode root = JSON.createObjectNode();
    root.put("verdict", verdict().name());
    ArrayNode list = root.putArray("checks");
    for (Finding c : checks.findings()) {
      list.addObject().put("name", c.check()).put("status", c.status().name()).put("message", c.message());
    }
    root.set("figures", figures);
    return root;
  }

  void writeSummary(Path file) {
    AtomicFiles.write(file, summary().toPrettyString() + "\n");
  }
}
