package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.step.StepException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * gpu-preflight's group on the Pushgateway: {@code job=gpu-preflight} and {@code node=<name>}, so a re-check of a
 * node replaces its old failures and {@code push_time_seconds{node=...}} says when it was last checked.
 */
public final class Pushgateway {
  public static final String JOB = "gpu-preflight";
  private final io.aiops.catalog.step.metrics.Pushgateway gateway;

  public Pushgateway(String url, StepHttp http) {
    this.gateway = new io.aiops.catalog.step.metrics.Pushgateway(url, http);
  }

  public URI groupUri(String node) {
    return gateway.groupUri(JOB, Map.of("node", node));
  }

  public void push(String node, String exposition) {
    gateway.put(JOB, Map.of("node", node), exposition);
  }

  /**
   * Each node's group in turn, stopping at the first failure (a gateway that is down would otherwise cost every
   * node its retries). @return null when every group was pushed, else what failed, on one line
   */
  public String pushAll(List<NodeReport> reports) {
    int pushed = 0;
    for (NodeReport r : reports) {
      try {
        push(r.node(), ReportFormats.prometheus(List.of(r)));
        pushed++;
      } catch (StepException e) {
        String why = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
        return (reports.size() == 1 ? "" : "pushed " + pushed + " of " + reports.size() + " nodes, then: ") + why;
      }
    }
    return null;
  }
}
