package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Go/no-go over all node reports, and the summary artifact. Busy nodes (other pods held their GPUs) were not
 * checked: they are listed, and neither pass nor fail the gate; GO needs every checked node PASS or WARN and at least
 * one node checked.
 */
public final class Summary {
  /** Room left for failed-nodes and busy-nodes among the results (Tekton keeps 4096 bytes for all of them). */
  static final int FAILED_NODES_MAX = 2600;
  static final int BUSY_NODES_MAX = 800;
  private final List<NodeReport> reports;

  public Summary(List<NodeReport> reports) {
    this.reports = List.copyOf(reports);
  }

  /** The nodes that were checked (busy ones were not). */
  public List<NodeReport> checked() {
    return reports.stream().filter(r -> !r.busy()).toList();
  }

  public List<NodeReport> busy() {
    return reports.stream().filter(NodeReport::busy).toList();
  }

  /**
   * The worst verdict of the checked nodes (step-common's order): it decides the exit code; no node checked at all
   * (none selected, or every one busy) is an ERROR: nothing was examined, try again later (exit 4).
   */
  public Status verdict() {
    return Status.worst(checked().stream().map(NodeReport::verdict).toList());
  }

  /** GO when every checked node passed, warnings included. */
  public boolean go() {
    return verdict().ok();
  }

  /** Nodes that failed or could not be checked for a reason other than busy GPUs: both keep the training off them. */
  public List<NodeReport> failed() {
    return checked().stream().filter(r -> r.verdict() == Status.FAIL || r.verdict() == Status.ERROR).toList();
  }

  public String failedNodesForResult() {
    return names(failed(), FAILED_NODES_MAX);
  }

  public String busyNodesForResult() {
    return names(busy(), BUSY_NODES_MAX);
  }

  private static String names(List<NodeReport> nodes, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      String next = (out.isEmpty() ? "" : ",") + nodes.get(i).node();
      if (out.length() + next.length() > max) {
        return out + " (+" + (nodes.size() - i) + " more: see the summary)";
      }
      out.append(next);
    }
    return out.toString();
  }

  /** The last line: why GO or NO-GO, counting busy nodes apart. */
  public String verdictLine() {
    List<NodeReport> checked = checked();
    int busy = reports.size() - checked.size();
    String busyPart = busy == 0 ? "" : "; " + busy + " busy, not checked: " + busyNodesForResult();
    if (checked.isEmpty()) {
      return "Verdict: NO-GO (no node could be checked" + busyPart + ")";
    }
    return "Verdict: " + (go() ? "GO" : "NO-GO") + " (" + (checked.size() - failed().size()) + " of "
        + checked.size() + " checked nodes ready" + busyPart + ")";
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    reports.forEach(r -> out.append(ReportFormats.text(r)).append("-------------------------------------\n"));
    out.append("\nNode Summary:\n");
    reports.forEach(r -> out.append("  ").append(r.node()).append(": ").append(r.nodeStatus())
        .append(r.fatal() ? " (EVICT)" : "").append('\n'));
    out.append('\n').append(verdictLine()).append('\n');
    return out.toString();
  }

  public ObjectNode json() {
    ObjectNode root = ReportFormats.JSON.createObjectNode();
    root.put("verdict", go() ? "GO" : "NO-GO");
    root.put("failedNodes", failed().stream().map(NodeReport::node).collect(Collectors.joining(",")));
    root.put("busyNodes", busy().stream().map(NodeReport::node).collect(Collectors.joining(",")));
    root.put("nodesChecked", checked().size());
    ArrayNode nodes = root.putArray("nodes");
    reports.forEach(r -> nodes.add(ReportFormats.json(r)));
    return root;
  }

  /**
   * metrics.prom holds the checked nodes only: a busy node's gauges would read as a pass (SKIP is 0), and its last
   * real check stays on the Pushgateway. @return the summary.json path
   */
  public Path write(Path dir) {
    AtomicFiles.write(dir.resolve("summary.txt"), text());
    AtomicFiles.write(dir.resolve("metrics.prom"), ReportFormats.prometheus(checked()));
    return AtomicFiles.write(dir.resolve("summary.json"), json().toPrettyString() + "\n");
  }
}
