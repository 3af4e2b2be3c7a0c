package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.gpu.deadlock.Findings.Deadlock;
import io.aiops.catalog.gpu.deadlock.Findings.PendingPod;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints findings the way break-gpu-deadlock.sh did (DEADLOCK / Running / Pending), or as one JSON document. */
final class Report {
  private static final ObjectMapper JSON = Json.pretty();

  private Report() {}

  static void text(Findings findings, Scope scope, boolean fixing, PrintWriter out) {
    for (Deadlock d : findings.deadlocks()) {
      out.println("DEADLOCK: " + d.inferenceService());
      out.println("  Running: " + d.running());
      out.println("  Pending: " + d.pending());
      out.println("  Namespace: " + d.namespace());
      out.println("  Waiting: " + human(d.pendingFor()) + " for " + d.gpuResource() + " (" + d.schedulerMessage().trim()
          + ")" + (d.progressDeadlineExceeded() ? "; the Deployment reports ProgressDeadlineExceeded" : ""));
      if (d.likelyCause() != null) {
        out.println("  Likely cause: " + d.likelyCause());
      }
      out.println();
    }
    for (PendingPod p : findings.notDeadlocks()) {
      out.println("PENDING, not a GPU deadlock: " + p.pod() + " (" + p.namespace() + ", " + p.inferenceService()
          + "): " + p.reason());
    }
    if (findings.deadlocks().isEmpty()) {
      out.println("No GPU deadlock in " + scope.describe() + ".");
    } else if (!fixing) {
      out.println("To fix: gpu-deadlock " + (scope.allNamespaces() ? "--all-namespaces"
          : "--namespace " + String.join(",", scope.namespaces())) + " --fix");
    }
    out.flush();
  }

  static String json(Findings findings, List<FixJournal.Action> actions) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode deadlocks = doc.putArray("deadlocks");
    findings.deadlocks().forEach(d -> deadlocks.add(JSON.valueToTree(d)));
    ArrayNode pending = doc.putArray("pendingNotDeadlock");
    findings.notDeadlocks().forEach(p -> pending.add(JSON.valueToTree(p)));
    ArrayNode done = doc.putArray("actions");
    actions.forEach(a -> done.add(JSON.valueToTree(a)));
    return doc.toPrettyString() + "\n";
  }

  /** 2m, 1h5m, 45s: how people write the --min-pending they gave. */
  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s == 0 && d.toMillis() > 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      b.append(s % 3600 / 60).append('m');
    }
    if (s % 60 > 0 || b.length() == 0) {
      b.append(s % 60).append('s');
    }
    return b.toString();
  }
}
