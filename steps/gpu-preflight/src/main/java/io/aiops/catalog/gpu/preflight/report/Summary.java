package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Go/no-go over all node reports, and the summary artifact. */
public final class Summary {
  /** Room left for failed-nodes among the results (Tekton keeps 4096 bytes for all of them). */
  static final int FAILED_NODES_MAX = 3000;
  private final List<NodeReport> reports;

  public Summary(List<NodeReport> reports) {
    this.reports = List.copyOf(reports);
  }

  /** The worst node verdict (step-common's order): it decides the exit code; no node checked is an ERROR. */
  public Status verdict() {
    return Status.worst(reports.stream().map(NodeReport::verdict).toList());
  }

  /** GO when every node passed, warnings included. */
  public boolean go() {
    return verdict().ok();
  }

  /** Nodes that failed or could not be checked: both keep the training off them. */
  public List<NodeReport> failed() {
    return reports.stream().filter(r -> r.verdict() == Status.FAIL || r.verdict() == Status.ERROR).toList();
  }

  public String failedNodesForResult() {
    StringBuilder out = new StringBuilder();
    List<NodeReport> failed = failed();
    for (int i = 0; i < failed.size(); i++) {
      String next = (out.isEmpty() ? "" : ",") + failed.get(i).node();
      if (out.length() + next.length() > FAILED_NODES_MAX) {
        return out + " (+" + (failed.size() - i) + " more: see the summary)";
      }
      out.append(next);
    }
    return out.toString();
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    reports.forEach(r -> out.append(ReportFormats.text(r)).append("-------------------------------------\n"));
    out.append("\nNode Summary:\n");
    reports.forEach(r -> out.append("  ").append(r.node()).append(": ").append(r.nodeStatus())
        .append(r.fatal() ? " (EVICT)" : "").append('\n'));
    out.append("\nVerdict: ").append(go() ? "GO" : "NO-GO").append(" (").append(reports.size() - failed().size())
        .append(" of ").append(reports.size()).append(" nodes ready)\n");
    return out.toString();
  }

  public ObjectNode json() {
    ObjectNode root = ReportFormats.JSON.createObjectNode();
    root.put("verdict", go() ? "GO" : "NO-GO");
    root.put("failedNodes", failed().stream().map(NodeReport::node).collect(Collectors.joining(",")));
    ArrayNode nodes = root.putArray("nodes");
    reports.forEach(r -> nodes.add(ReportFormats.json(r)));
    return root;
  }

  /** @return the summary.json path */
  public Path write(Path dir) {
    AtomicFiles.write(dir.resolve("summary.txt"), text());
    AtomicFiles.write(dir.resolve("metrics.prom"), ReportFormats.prometheus(reports));
    return AtomicFiles.write(dir.resolve("summary.json"), json().toPrettyString() + "\n");
  }
}
