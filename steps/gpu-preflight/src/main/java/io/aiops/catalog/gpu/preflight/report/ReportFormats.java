package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.json.Json;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node report as Autopilot-style text, JSON, and Prometheus text exposition (format 0.0.4). */
public final class ReportFormats {
  public static final ObjectMapper JSON = Json.mapper();

  private ReportFormats() {}

  public static String text(NodeReport r) {
    StringBuilder out = new StringBuilder("Host  ").append(r.node()).append('\n');
    r.byCheck().forEach((check, worst) -> {
      out.append("[[ ").append(check.toUpperCase()).append(" ]] ").append(worst).append('\n');
      r.findings().stream().filter(f -> f.check().equals(check)).forEach(f -> out.append("  ")
          .append(f.subject() == null ? "node" : "gpu " + f.subject()).append(": ").append(f.status()).append(" - ")
          .append(f.message()).append('\n'));
    });
    out.append("\nNode Status: ").append(r.nodeStatus()).append(r.fatal() ? " (EVICT)" : "").append('\n');
    return out.toString();
  }

  public static ObjectNode json(NodeReport r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("node", r.node());
    node.put("verdict", r.verdict().name());
    node.put("nodeStatus", r.nodeStatus());
    node.put("evict", r.fatal());
    ArrayNode findings = node.putArray("findings");
    r.findings().forEach(f -> findings.add(json(f)));
    return node;
  }

  public static NodeReport fromJson(com.fasterxml.jackson.databind.JsonNode json) {
    List<Finding> findings = new ArrayList<>();
    json.path("findings").forEach(f -> findings.add(finding(f)));
    return new NodeReport(json.path("node").asText(), findings);
  }

  /**
   * Gauges per node, GPU and check. Several findings with the same labels (DCGM's tests on one GPU) are folded
   * into the worst status and the lowest figure: a Pushgateway refuses duplicate series.
   */
  public static String prometheus(List<NodeReport> reports) {
    Map<String, Integer> status = new LinkedHashMap<>();
    Map<String, Double> values = new LinkedHashMap<>();
    StringBuilder verdicts = new StringBuilder();
    StringBuilder evicts = new StringBuilder();
    for (NodeReport r : reports) {
      for (Finding f : r.findings()) {
        String labels = "node=\"" + esc(r.node()) + "\",gpu=\"" + esc(f.subject() == null ? "" : f.subject())
            + "\",check=\"" + esc(f.check()) + "\"";
        status.merge(labels, gauge(f.status()), Math::max);
        if (f.value() != null) {
          values.merge(labels, f.value(), Math::min);
        }
      }
      String n = "{node=\"" + esc(r.node()) + "\"}";
      verdicts.append("gpu_preflight_node_verdict").append(n).append(' ').append(gauge(r.verdict())).append('\n');
      evicts.append("gpu_preflight_node_evict").append(n).append(' ').append(r.fatal() ? 1 : 0).append('\n');
    }
    StringBuilder out = new StringBuilder();
    out.append("# HELP gpu_preflight_check_status Worst result of a check: 0 pass or not applicable, 1 warn, "
        + "2 error (could not run), 3 fail.\n# TYPE gpu_preflight_check_status gauge\n");
    status.forEach((l, v) -> out.append("gpu_preflight_check_status{").append(l).append("} ").append(v).append('\n'));
    out.append("# HELP gpu_preflight_check_value The check's figure: GB/s for pciebw, Gbit/s for iperf3, counts "
        + "otherwise.\n# TYPE gpu_preflight_check_value gauge\n");
    values.forEach((l, v) -> out.append("gpu_preflight_check_value{").append(l).append("} ").append(v).append('\n'));
    out.append("# HELP gpu_preflight_node_verdict Node verdict: 0 pass, 1 warn, 2 error, 3 fail.\n"
        + "# TYPE gpu_preflight_node_verdict gauge\n").append(verdicts);
    out.append("# HELP gpu_preflight_node_evict 1 when a finding means the node should be drained (lost GPU, fatal "
        + "Xid, remap failure).\n# TYPE gpu_preflight_node_evict gauge\n").append(evicts);
    return out.toString();
  }

  /** A finding as the summary and the termination message spell it: the subject is a GPU (or peer), "gpu". */
  static ObjectNode json(Finding f) {
    ObjectNode n = JSON.createObjectNode().put("check", f.check()).put("gpu", f.subject())
        .put("status", f.status().name()).put("reason", f.message());
    if (f.value() == null) {
      n.putNull("value");
    } else {
      n.put("value", f.value());
    }
    return n.put("fatal", f.fatal());
  }

  static Finding finding(com.fasterxml.jackson.databind.JsonNode n) {
    return new Finding(n.path("check").asText(), n.path("gpu").isTextual() ? n.path("gpu").asText() : null,
        Status.valueOf(n.path("status").asText()), n.path("reason").asText(),
        n.path("value").isNumber() ? n.path("value").asDouble() : null, n.path("fatal").asBoolean(false));
  }

  /** 0 PASS/SKIP, 1 WARN, 2 ERROR, 3 FAIL: the Prometheus gauge value, graver higher as in {@link Status}. */
  static int gauge(Status status) {
    return switch (status) {
      case SKIP, PASS -> 0;
      case WARN -> 1;
      case ERROR -> 2;
      case FAIL -> 3;
    };
  }

  public static String esc(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
