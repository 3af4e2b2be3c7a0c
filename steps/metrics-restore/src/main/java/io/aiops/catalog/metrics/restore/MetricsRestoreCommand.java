package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.metrics.PushOptions;
import io.aiops.catalog.step.metrics.Pushgateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@TopCommand
@Command(name = "metrics-restore", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Re-schedules the TrustyAI metrics of a metrics-backup file, after an operator upgrade.",
        "Checks the whole file first; restored requests get new ids (id-map.json); a journal beside the backup "
            + "makes a killed restore safe to re-run."},
    footerHeading = "%nExamples:%n",
    footer = {"  metrics-restore -n my-models --file latest --dry-run",
        "  metrics-restore --service-url https://trustyai-service.my-models.svc --skip-existing \\",
        "      --file backups/trustyai-metrics-20261125-061200.json"})
public class MetricsRestoreCommand implements Callable<Integer> {
  static final int MAX_CONCURRENCY = 64;

  @Mixin StepOptions step;
  @Mixin HttpOptions http;
  @Mixin PushOptions push;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE|latest", defaultValue = "latest",
      description = "Backup to restore, or 'latest' (trustyai-metrics-latest.json in --backup-dir). "
          + "Default: ${DEFAULT-VALUE}.")
  String file;

  @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = "./backups",
      description = "Where 'latest' is looked up. The restore journal and id-map.json go beside the backup "
          + "file. Default: ${DEFAULT-VALUE}.")
  Path backupDir;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the TrustyAI service.")
  String namespace;

  @Option(names = "--service-url", paramLabel = "URL",
      description = "TrustyAI service URL. Default: found in --namespace by label, then by name.")
  String serviceUrl;

  @Option(names = {"-l", "--route-label"}, paramLabel = "KEY=VALUE",
      description = "Find the Route/Service by this label only.")
  String routeLabel;

  @Option(names = "--dry-run", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Print the plan (create / skip, per request) and the counts; send no POST.")
  boolean dryRun;

  @Option(names = {"-s", "--skip-existing"}, paramLabel = "true|false", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Do not create a request the service already lists (whole content compared, duplicates "
          + "counted).")
  boolean skipExisting;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Most POSTs in flight at once (1-" + MAX_CONCURRENCY + "). Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--verify", paramLabel = "true|false", negatable = true, arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "After restoring, check that the listing holds every restored request. Default: on.")
  boolean verify;

  @Option(names = "--verify-only", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = "false", description = "Post nothing: check that the service lists every backed-up request "
          + "(duplicates counted); exit 3 naming the missing ones.")
  boolean verifyOnly;

  @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait for the service's /q/health/ready. Default: ${DEFAULT-VALUE}.")
  Duration readyTimeout;

  @Inject Instance<KubernetesClient> kubernetes;

  @Override
  public Integer call() {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw StepException.usage("--concurrency " + concurrency + " is out of range: give 1 to " + MAX_CONCURRENCY);
    }
    RestoreRequest.Mode mode = verifyOnly ? RestoreRequest.Mode.VERIFY_ONLY
        : dryRun ? RestoreRequest.Mode.DRY_RUN : RestoreRequest.Mode.RESTORE;
    var log = step.log();
    Optional<Pushgateway> gateway = dryRun ? Optional.empty() : push.gateway(http, log);
    MetricsRestore.Totals totals = new MetricsRestore(log, http.client(log), kubernetes::get).run(new RestoreRequest(
        file, backupDir, namespace, serviceUrl, routeLabel, mode, skipExisting, concurrency, verify, readyTimeout));
    step.results()
        .put(RestoreResult.RESTORED, totals.restored())
        .put(RestoreResult.SKIPPED, totals.skipped())
        .put(RestoreResult.FAILED, totals.failed())
        .write();
    pushCounts(gateway, totals.restored(), totals.skipped(), totals.failed());
    if (totals.failure() != null) {
      throw StepException.checkFailed(totals.failure());
    }
    return StepExit.OK;
  }

  private void pushCounts(Optional<Pushgateway> gateway, long restored, long skipped, long failed) {
    PushOptions.push(gateway, RestorePush.JOB, RestorePush.grouping(namespace, push.labels()),
        RestorePush.gauges(restored, skipped, failed), failed > 0, step.log());
  }
}
