package io.aiops.catalog.runner.status;

import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.io.AtomicFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"What trained when, and did it work: per model the latest retraining and PR-gate runs (outcome,",
        "duration, data source, window, gate verdict and figures), success rate and median duration over --since,",
        "trained vs deployed model sha256, and each retraining CronJob with its next run. Reads the cluster."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:shown", "2:usage", "4:API server unavailable"},
    footerHeading = "%nExamples:%n",
    footer = {"  catalog status -n models", "  catalog status --all-namespaces --since 7d --output json",
        "  catalog status -n models --html status.html"})
public class StatusCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace of the runs and CronJobs. Default: the kubeconfig's.")
  String namespace;
  @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace you may list.")
  boolean allNamespaces;
  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d", converter = Days.class,
      description = "Window of the success rate and median duration (e.g. 7d, 48h). Default: ${DEFAULT-VALUE}.")
  Duration since;
  @Option(names = {"-o", "--output"}, paramLabel = "table|json|html", defaultValue = "table",
      description = "Format on stdout. Default: ${DEFAULT-VALUE}.")
  Format output;
  @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML page to this file.")
  Path html;
  @Option(names = "--pipelines", paramLabel = "NAME,...", split = ",",
      defaultValue = "model-retraining,train-and-gate,pr-model-gate",
      description = "Pipelines whose runs are shown. Default: ${DEFAULT-VALUE}.")
  List<String> pipelines;

  @Inject Instance<KubernetesClient> kubernetes;

  enum Format { table, json, html }

  /** Durations with days, as people write a window: 30d, 7d, 48h, 90m. */
  static final class Days implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      return v.matches("\\d+d") ? Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)))
          : DurationConverter.parse(v);
    }
  }

  @Override
  public Integer call() {
    if (allNamespaces && namespace != null && !namespace.isBlank()) {
      throw StepException.usage("give --namespace or --all-namespaces, not both");
    }
    if (since.isZero() || since.isNegative()) {
      throw StepException.usage("--since must be positive, e.g. 30d");
    }
    KubernetesClient client = kubernetes.get();
    String ns = allNamespaces ? null : namespace == null || namespace.isBlank() ? client.getNamespace() : namespace;
    ClusterReader reader = new ClusterReader(client, ns);
    StatusReport report;
    try {
      var runs = reader.pipelineRuns(pipelines);
      var gates = reader.gateTaskRuns();
      var cronJobs = reader.cronJobs();
      step.log().debug("read %d PipelineRun(s) of %s, %d gate TaskRun(s), %d CronJob(s)", runs.size(), pipelines,
          gates.size(), cronJobs.size());
      report = StatusReport.build(runs, gates, cronJobs, Instant.now(), since);
    } catch (KubernetesClientException e) {
      throw StepException.unavailable("cannot read PipelineRuns, TaskRuns or CronJobs from " + client.getMasterUrl()
          + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "") + ": check the kubeconfig and that you may list "
          + "pipelineruns, taskruns (tekton.dev) and cronjobs (batch) there", e);
    }
    step.log().info("%d model(s), %d CronJob(s) in %s, %d API call(s)", report.models().size(),
        report.cronJobs().size(), ns == null ? "all namespaces" : ns, reader.calls());
    var out = spec.commandLine().getOut();
    out.print(switch (output) {
      case table -> StatusFormats.table(report);
      case json -> StatusFormats.json(report);
      case html -> StatusFormats.html(report);
    });
    out.flush();
    if (html != null) {
      step.log().info("status page: %s", AtomicFiles.write(html, StatusFormats.html(report)).toAbsolutePath());
    }
    return StepExit.OK;
  }
}
