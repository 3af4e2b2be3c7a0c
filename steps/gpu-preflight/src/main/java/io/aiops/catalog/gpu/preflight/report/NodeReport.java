package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All findings of one node; its verdict is the worst of them, and a node with no finding at all is an ERROR. A busy
 * node (other pods hold its GPUs) was not checked: its one finding is a SKIP of {@link #BUSY}.
 */
public record NodeReport(String node, List<Finding> findings) {
  /** The check name of a node that was not checked because other pods hold its GPUs. */
  public static final String BUSY = "busy";

  public NodeReport {
    findings = List.copyOf(findings);
  }

  /** The worst status of the findings, in step-common's one order; no finding at all is an ERROR. */
  public Status verdict() {
    return Status.worst(findings.stream().map(Finding::status).toList());
  }

  /** @param reason e.g. "busy: 8 of 8 GPUs held by pods ns/a, ns/b; the check needs 8" */
  public static NodeReport busy(String node, String reason) {
    return new NodeReport(node, List.of(Finding.skip(BUSY, reason)));
  }

  /** Not checked: other pods held its GPUs. */
  public boolean busy() {
    return findings.size() == 1 && findings.get(0).check().equals(BUSY) && findings.get(0).status() == Status.SKIP;
  }

  public boolean fatal() {
    return findings.stream().anyMatch(Finding::fatal);
  }

  /** Worst status per check, in the order the checks ran. */
  public Map<String, Status> byCheck() {
    Map<String, Status> checks = new LinkedHashMap<>();
    findings.forEach(f -> checks.merge(f.check(), f.status(), Status::worse));
    return checks;
  }

  /** Autopilot's one-line node status: {@code Ok}, or e.g. {@code PCIEBW Failed, DCGM Error}. */
  public String nodeStatus() {
    if (busy()) {
      return "Not checked (" + findings.get(0).message() + ")";
    }
    List<String> bad = new ArrayList<>();
    byCheck().forEach((check, status) -> {
      if (status == Status.FAIL) {
        bad.add(check.toUpperCase() + " Failed");
      } else if (status == Status.ERROR) {
        bad.add(check.toUpperCase() + " Error");
      }
    });
    if (findings.isEmpty()) {
      bad.add("No checks ran");
    }
    return bad.isEmpty() ? "Ok" : String.join(", ", bad);
  }

  public NodeReport plus(List<Finding> more) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(more);
    return new NodeReport(node, all);
  }
}
