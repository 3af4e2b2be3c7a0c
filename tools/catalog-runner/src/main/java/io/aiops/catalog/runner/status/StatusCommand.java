package io.aiops.catalog.runner.status;

import io.aiops.catalog.runner.report.StatusPage;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.io.AtomicFiles;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.kube.KubeName;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"What trained when, and did it work: per model the latest run of each training pipeline (outcome,",
        "start, duration, data source and window, gate verdict and figures, model sha256 trained and deployed), the",
        "success rate and median duration over --since, and each retraining CronJob with its next run. Reads the",
        "cluster (list pipelineruns and taskruns of tekton.dev, cronjobs of batch); changes nothing."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:status shown (whatever the runs' outcomes)", "1:internal error (a bug)",
        "2:usage or bad input; a malformed kubeconfig; the API server forbids the lists (HTTP 403)",
        "4:the API server cannot be reached or answers an error"},
    footerHeading = "%nExamples:%n",
    footer = {"  catalog status -n self-healing-platform", "  catalog status -n ml --model anomaly-detector --since 7d",
        "  catalog status -A --output json", "  catalog status -n ml --html status.html"})
public class StatusCommand implements Callable<Integer> {
  enum Format { table, json, html }

  @Mixin StepOptions step;
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the runs and CronJobs. Default: the kubeconfig's (the pod's) namespace.")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace (needs cluster-wide list).")
  boolean allNamespaces;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to use. Default: KUBECONFIG, ~/.kube/config, else the pod's service account.")
  Path kubeconfig;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d", converter = SinceConverter.class,
      description = "Window of the success rate and median duration: 30d, 2w, 48h, 90m. Default: ${DEFAULT-VALUE}.")
  Duration since;

  @Option(names = "--model", paramLabel = "NAME",
      description = "Only this model (the runs' aiops-catalog/model label or model-name param).")
  String model;

  @Option(names = "--pipelines", paramLabel = "NAME", split = ",",
      defaultValue = "model-retraining,pr-model-gate,train-and-gate",
      description = "Pipelines whose runs count as training. Default: ${DEFAULT-VALUE}.")
  List<String> pipelines;

  @Option(names = "--cronjob-selector", paramLabel = "SELECTOR",
      defaultValue = "app.kubernetes.io/part-of=model-training",
      description = "Label selector of the retraining CronJobs. Default: ${DEFAULT-VALUE}.")
  String cronJobSelector;

  @Option(names = {"-o", "--output"}, paramLabel = "table|json|html", defaultValue = "table",
      description = "What goes to stdout. Default: ${DEFAULT-VALUE}.")
  Format output;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the status as an HTML page to FILE.")
  @Output(Output.Kind.FILE)
  Path html;

  @Inject Instance<KubernetesClient> clients;

  @Override
  public Integer call() {
    if (allNamespaces && namespace != null) {
      throw StepException.usage("give --namespace or --all-namespaces, not both");
    }
    if (kubeconfig != null) {
      InputFiles.checked("--kubeconfig", kubeconfig, 1024 * 1024);
    }
    KubernetesClient client = client();
    String ns = allNamespaces ? null : namespace != null ? namespace : client.getNamespace();
    if (!allNamespaces && ns == null) {
      throw StepException.usage("no namespace: give --namespace (the kubeconfig's context names none)");
    }
    Instant now = Instant.now();
    long started = System.nanoTime();
    ClusterReader reader = new ClusterReader(client, ns);
    // the CronJobs are few and independent of the runs: read alongside the (big) PipelineRun list
    CompletableFuture<List<CronJobView.Fields>> cronJobsRead = CompletableFuture.supplyAsync(
        () -> reader.cronJobs(cronJobSelector));
    List<RunView> runs = reader.pipelineRuns();
    long listed = System.nanoTime();
    List<CronJobView> cronJobs = joined(cronJobsRead).stream().map(c -> CronJobView.of(c, now)).toList();
    long[] taskRunsRead = new long[2];
    StatusReport report = StatusReport.build(ns == null ? StatusReport.ALL_NAMESPACES : "namespace " + ns, runs,
        shown -> {
          taskRunsRead[0] = System.nanoTime();
          var taskRuns = reader.taskRuns(shown);
          taskRunsRead[1] = System.nanoTime();
          return taskRuns;
        }, cronJobs, new LinkedHashSet<>(pipelines), model, since, now);
    step.log().debug("%d PipelineRun(s) and %d CronJob(s) read in %d ms, the TaskRuns of the runs shown in %d ms; "
        + "%d model(s); %d API request(s), %d ms in all", runs.size(), cronJobs.size(), ms(listed - started),
        ms(taskRunsRead[1] - taskRunsRead[0]), report.models().size(), reader.calls(), ms(System.nanoTime() - started));
    var json = StatusFormats.json(report);
    var out = spec.commandLine().getOut();
    out.print(switch (output) {
      case table -> StatusFormats.table(report);
      case json -> json.toPrettyString() + "\n";
      case html -> StatusPage.page(json);
    });
    out.flush();
    if (html != null) {
      step.log().info("status page: %s", AtomicFiles.write(html, StatusPage.page(json)).toAbsolutePath());
    }
    return StepExit.OK;
  }

  private static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** The shared client (step-common), pointed at --kubeconfig when given: fabric8 reads it when it is built. */
  private KubernetesClient client() {
    KubernetesClient client = clients.get();
    if (kubeconfig == null) {
      return client;
    }
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toAbsolutePath().toString());
    try {
      client.getConfiguration(); // built now, with the file
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
    return client;
  }
}
