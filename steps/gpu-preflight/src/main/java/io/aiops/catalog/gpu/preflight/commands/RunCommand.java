package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.gpu.preflight.PreflightResult;
import io.aiops.catalog.gpu.preflight.coordinator.Coordinator;
import io.aiops.catalog.gpu.preflight.coordinator.JobFactory;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.Pushgateway;
import io.aiops.catalog.gpu.preflight.report.Summary;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepOptions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Coordinator: runs 'check' as one Job per node, at most --batch at once, and gates on the result.",
        "GO (exit 0) when every checked node is PASS or WARN; NO-GO when any node FAILed (exit 3) or, none failing, "
            + "could not be checked (exit 4). A node whose GPUs other pods hold is busy: SKIP, not checked, listed "
            + "apart; when no node at all could be checked it is NO-GO, exit 4."})
public class RunCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin RunOptions opts;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Write summary.json, summary.txt and metrics.prom here (each by temp file and rename).")
  @Output
  Path reportDir;

  @Mixin PushgatewayOptions pushgateway;

  @Option(names = "--node-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "Deadline of each node's Job (activeDeadlineSeconds). Default: ${DEFAULT-VALUE}.")
  Duration nodeTimeout;

  @Inject Instance<KubernetesClient> kubernetes;
  @Spec CommandSpec command;

  @Override
  public Integer call() {
    var log = step.log();
    List<String> checkArgs = opts.checkArgs();
    Pushgateway push = pushgateway.gateway(log);
    KubernetesClient client = kubernetes.get();
    String ns = opts.namespace(client);
    List<Node> nodes = opts.nodes(client);
    String runId = UUID.randomUUID().toString().substring(0, 8);
    log.info("run %s: checking %d node(s) with %s, %s at a time", runId, nodes.size(), String.join(",", opts.checks),
        opts.batch == 0 ? "all" : opts.batch);
    JobFactory.Spec spec = new JobFactory.Spec(ns, runId, opts.image, opts.serviceAccount(), opts.tolerations(),
        opts.gpuResource, opts.gpusPerNode, opts.expectedGpus, checkArgs, nodeTimeout, opts.owner(client, ns));
    List<NodeReport> reports = new Coordinator(client, spec, log).run(nodes, opts.batch, opts.labelNodes, opts.pingPeers);

    // the verdict first: summary, stdout and Tekton results; the Pushgateway after them, whatever it does
    Summary summary = new Summary(reports);
    String file = reportDir == null || reportDir.toString().isBlank() ? "" : summary.write(reportDir).toString();
    command.commandLine().getOut().print(summary.text());
    command.commandLine().getOut().flush();
    step.results().put(PreflightResult.VERDICT, summary.go() ? "GO" : "NO-GO")
        .put(PreflightResult.FAILED_NODES, summary.failedNodesForResult())
        .put(PreflightResult.BUSY_NODES, summary.busyNodesForResult())
        .put(PreflightResult.NODES_CHECKED, summary.checked().size())
        .put(PreflightResult.SUMMARY_FILE, file).write();
    if (summary.checked().isEmpty()) {
      log.error("NO-GO: no node could be checked: other pods hold the GPUs of all %d (%s); run again when they are "
          + "free", reports.size(), summary.busyNodesForResult());
    } else if (!summary.go()) {
      log.error("NO-GO (%s): %s", summary.verdict(), summary.failedNodesForResult());
    }
    return pushgateway.push(push, reports, summary.verdict().exitCode(), log);
  }
}
