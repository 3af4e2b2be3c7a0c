package io.aiops.catalog.gpu.preflight.coordinator;

import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.ReportFormats;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The node verdict as the pod's termination message, which the coordinator reads from the pod status (no
 * pods/log access needed). The kubelet keeps 4096 bytes: passing findings are dropped first, then reasons cut.
 */
public final class TerminationMessage {
  static final int LIMIT = 4096;

  private TerminationMessage() {}

  public static String compact(NodeReport r) {
    for (int reasonChars : new int[] {300, 120, 40, 0}) {
      ObjectNode json = ReportFormats.JSON.createObjectNode();
      json.put("node", r.node());
      ArrayNode findings = json.putArray("findings");
      int passed = 0;
      for (Finding f : r.findings()) {
        if (f.status() == Status.PASS || f.status() == Status.SKIP) {
          passed++;
          continue;
        }
        ObjectNode n = findings.addObject().put("check", f.check()).put("gpu", f.subject()).put("status",
            f.status().name()).put("fatal", f.fatal());
        n.put("reason", f.message().length() > reasonChars ? f.message().substring(0, reasonChars) : f.message());
      }
      if (passed > 0) {
        // the checks that passed, folded to one finding per check, so the verdict per check survives
        r.byCheck().forEach((check, st) -> {
          if (st == Status.PASS || st == Status.SKIP) {
            findings.addObject().put("check", check).putNull("gpu").put("status", st.name()).put("fatal", false)
                .put("reason", "all passed or not applicable");
          }
        });
      }
      String text = json.toString();
      if (text.getBytes(StandardCharsets.UTF_8).length <= LIMIT) {
        return text;
      }
    }
    return "{\"node\":\"" + ReportFormats.esc(r.node()) + "\",\"findings\":[{\"check\":\"report\",\"gpu\":null,"
        + "\"status\":\"" + r.verdict() + "\",\"fatal\":" + r.fatal() + ",\"reason\":\"too many findings for the "
        + "termination message: see the pod log\"}]}";
  }

  /** Written in place: /dev/termination-log is a file the kubelet bind-mounts, which a rename cannot replace. */
  public static void write(Path file, NodeReport r) {
    try {
      java.nio.file.Files.writeString(file, compact(r));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the termination message " + file + ": " + e.getMessage(), e);
    }
  }

  public static NodeReport parse(String message) throws java.io.IOException {
    JsonNode json = ReportFormats.JSON.readTree(message);
    return ReportFormats.fromJson(json);
  }
}
