package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checks of a run as they come in (each logged at once), the verdict, and the summary JSON. */
final class Report {
  static final ObjectMapper JSON = Json.pretty();

  private final StepLog log;
  private final List<Check> checks = new ArrayList<>();
  private final ObjectNode figures = JSON.createObjectNode();

  Report(StepLog log) {
    this.log = log;
  }

  void add(Check check) {
    checks.add(check);
    String line = String.format("%-5s %s: %s", check.status(), check.name(), check.message());
    switch (check.status()) {
      case PASS -> log.info("%s", line);
      case WARN -> log.warn("%s", line);
      default -> log.error("%s", line);
    }
  }

  void addAll(List<Check> more) {
    more.forEach(this::add);
  }

  /** Numbers (latency, sweep, agreement) kept in the summary beside the checks. */
  ObjectNode figures() {
    return figures;
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }

  Status verdict() {
    Status worst = Status.PASS;
    for (Check c : checks) {
      worst = worst.worse(c.status());
    }
    return worst;
  }

  ObjectNode summary() {
    ObjectNode root = JSON.createObjectNode();
    root.put("verdict", verdict().name());
    ArrayNode list = root.putArray("checks");
    for (Check c : checks) {
      list.addObject().put("name", c.name()).put("status", c.status().name()).put("message", c.message());
    }
    root.set("figures", figures);
    return root;
  }

  void writeSummary(Path file) {
    AtomicFiles.write(file, summary().toPrettyString() + "\n");
  }
}
