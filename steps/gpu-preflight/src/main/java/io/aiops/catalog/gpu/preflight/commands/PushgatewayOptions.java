package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.Pushgateway;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.HttpOptions;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Pushgateway of every command (a picocli mixin). Metrics are pushed last, after the verdict, the results and the
 * reports are written: a gateway that is down costs a WARN line, not the gate, unless --pushgateway-required.
 */
public class PushgatewayOptions {
  @Option(names = "--pushgateway-url", paramLabel = "URL",
      description = "Push the metrics to this Prometheus Pushgateway (job gpu-preflight, grouped by node), after the "
          + "verdict and results are written.")
  String url;

  @Option(names = "--pushgateway-required", arity = "0..1", fallbackValue = "true",
      description = "Exit 4 when the push fails (a FAIL verdict keeps its 3). Default: false, a failed push is a "
          + "WARN line and the exit code is the verdict's.")
  boolean required;

  @Mixin HttpOptions http;

  /** Checks the URL before anything is run: a bad URL must not cost a 15-minute DCGM run. Null: no push. */
  Pushgateway gateway(StepLog log) {
    return url == null || url.isBlank() ? null : new Pushgateway(url, http.anonymousClient(log));
  }

  /**
   * Pushes each report (busy nodes excluded: not checked, their last check stays), stopping at the first failure.
   *
   * @param exit the verdict's exit code, already acted on (results written)
   * @return the exit code: the verdict's, or 4 when a required push failed and the verdict was not a FAIL
   */
  int push(Pushgateway gateway, List<NodeReport> reports, int exit, StepLog log) {
    if (gateway == null) {
      return exit;
    }
    String failure = gateway.pushAll(reports.stream().filter(r -> !r.busy()).toList());
    if (failure == null) {
      return exit;
    }
    if (!required) {
      log.warn("metrics not pushed (verdict and results stand; --pushgateway-required makes this exit 4): %s",
          failure);
      return exit;
    }
    log.error("metrics not pushed and --pushgateway-required: %s", failure);
    return exit == StepExit.CHECK_FAILED ? exit : StepExit.UNAVAILABLE;
  }
}
