package io.aiops.catalog.metrics.backup;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.trustyai.BackupFile;
import io.aiops.catalog.trustyai.MetricFilter;
import io.aiops.catalog.trustyai.MetricType;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiLocator;
import io.aiops.catalog.trustyai.TrustyAiService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@TopCommand
@Command(name = "metrics-backup", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Exports every scheduled TrustyAI metric (SPD, DIR, MEANSHIFT, KSTEST, APPROXKSTEST, FOURIERMMD, "
        + "IDENTITY) to a versioned JSON backup, before an operator upgrade.",
        "Writes trustyai-metrics-YYYYMMDD-HHMMSS.json, its .metadata.json and trustyai-metrics-latest.json."},
    footerHeading = "%nExamples:%n",
    footer = {"  metrics-backup -n my-models",
        "  metrics-backup --service-url https://trustyai-service.my-models.svc --backup-dir /workspace/backups"})
public class MetricsBackupCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin HttpOptions http;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the TrustyAI service (to find it, and recorded in the backup).")
  String namespace;

  @Option(names = "--service-url", paramLabel = "URL",
      description = "TrustyAI service URL (in a pipeline the in-cluster Service, e.g. https://trustyai-service"
          + ".NS.svc). Default: found in --namespace by label, then by name.")
  String serviceUrl;

  @Option(names = {"-l", "--route-label"}, paramLabel = "KEY=VALUE",
      description = "Find the Route/Service by this label only (default: trustyai-service-name=trustyai-service, "
          + "then name trustyai-service, then app=trustyai-service).")
  String routeLabel;

  @Option(names = {"-d", "--backup-dir"}, paramLabel = "DIR", defaultValue = "./backups",
      description = "Directory for the backup files. Default: ${DEFAULT-VALUE}.")
  @Output
  Path backupDir;

  @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "all",
      description = "Which metrics: " + MetricFilter.HELP + ". Default: ${DEFAULT-VALUE}.")
  String type;

  @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait for the service's /q/health/ready. Default: ${DEFAULT-VALUE}.")
  Duration readyTimeout;

  @Inject Instance<KubernetesClient> kubernetes;

  @Override
  public Integer call() {
    var log = step.log();
    MetricFilter filter = MetricFilter.parse(type);
    TrustyAiService service = new TrustyAiService(
        TrustyAiLocator.locate(serviceUrl, namespace, routeLabel, kubernetes::get, log), http.client(log));

    service.awaitReady(readyTimeout);
    List<ScheduledRequest> listed = service.listAll();
    List<ScheduledRequest> backedUp = listed.stream().filter(r -> filter.accepts(r.metricName())).toList();
    backedUp.stream().filter(r -> MetricType.fromMetricName(r.metricName()).isEmpty())
        .forEach(r -> log.warn("request %s has metricName %s, unknown to this tool: kept, but metrics-restore "
            + "will refuse it", r.id(), r.metricName()));
    if (backedUp.isEmpty()) {
      log.warn("the service lists no scheduled metrics of type %s: writing an empty backup", filter.spelling());
    }

    BackupFile backup = new BackupFile(BackupFile.FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS),
        service.base().toString(), namespace, backedUp);
    var written = new BackupWriter(backupDir, log).write(backup, filter.spelling());
    log.info("backed up %d of %d scheduled metric requests to %s (sha256 %s)", written.count(), listed.size(),
        written.backup(), written.sha256());

    step.results()
        .put(BackupResult.BACKUP_FILE, written.backup())
        .put(BackupResult.METRIC_COUNT, written.count())
        .put(BackupResult.SHA256, written.sha256())
        .put(BackupResult.LATEST, written.latest())
        .write();
    return StepExit.OK;
  }
}
