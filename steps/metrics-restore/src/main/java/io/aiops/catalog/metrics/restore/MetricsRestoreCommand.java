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
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiLocator;
import io.aiops.catalog.trustyai.TrustyAiService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    var log = step.log();
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw StepException.usage("--concurrency " + concurrency + " is out of range: give 1 to " + MAX_CONCURRENCY);
    }
    Optional<Pushgateway> gateway = dryRun ? Optional.empty() : push.gateway(http, log);
    BackupSource source = BackupSource.load(file, backupDir, log);
    List<ScheduledRequest> backed = source.backup().requests();
    log.info("backup %s: %d metric request(s), sha256 %s", source.file(), backed.size(), source.sha256());

    TrustyAiService service = new TrustyAiService(
        TrustyAiLocator.locate(serviceUrl, namespace, routeLabel, kubernetes::get, log), http.client(log));
    service.awaitReady(readyTimeout);
    try (RestoreJournal journal = RestoreJournal.read(source.sibling(".restore-journal.jsonl"), source.sha256(),
        log)) {
      if (!dryRun && !verifyOnly) {
        journal.open();
      }
      List<ScheduledRequest> live = service.listAll();
      if (verifyOnly) {
        return verifyOnly(RestorePlan.make(backed, live, RestoreJournal.none(), true), gateway);
      }
      RestorePlan plan = RestorePlan.make(backed, live, journal, skipExisting);
      if (dryRun) {
        return dryRun(plan);
      }
      RestoreRun.Done done = new RestoreRun(service, journal, log).execute(source, live, plan, concurrency, verify);
      RestoreReport report = done.report();
      log.info("restored %d, skipped %d, failed %d of %d (%d already restored by an earlier run); id map %s; "
          + "at most %d POSTs in flight", report.count(RestoreResult.RESTORED), report.count(RestoreResult.SKIPPED),
          report.count(RestoreResult.FAILED), backed.size(), plan.with(RestorePlan.Action.ALREADY_RESTORED).size(),
          done.idMap(), done.maxInFlight());
      writeResults(report.count(RestoreResult.RESTORED), report.count(RestoreResult.SKIPPED),
          report.count(RestoreResult.FAILED));
      pushCounts(gateway, report.count(RestoreResult.RESTORED), report.count(RestoreResult.SKIPPED),
          report.count(RestoreResult.FAILED));
      if (!report.failures().isEmpty()) {
        report.failures().forEach(o -> log.error("not restored: %s: %s", o.describe(), o.reason()));
        throw StepException.checkFailed(report.failureSummary());
      }
      return StepExit.OK;
    }
  }

  private int dryRun(RestorePlan plan) {
    long create = plan.with(RestorePlan.Action.CREATE).size();
    long skip = plan.with(RestorePlan.Action.SKIP).size();
    PlanLog.print(plan, step.log());
    step.log().info("dry run: would restore %d and skip %d (%d restored earlier); nothing was posted", create, skip,
        plan.steps().size() - create - skip);
    writeResults(create, skip, 0);
    return StepExit.OK;
  }

  /** Every backed-up metric must be listed (as often as it is in the backup); the missing ones fail. */
  private int verifyOnly(RestorePlan plan, Optional<Pushgateway> gateway) {
    List<RestorePlan.Step> missing = plan.with(RestorePlan.Action.CREATE);
    missing.forEach(s -> step.log().error("not listed: %s", s.describe()));
    writeResults(0, plan.steps().size() - missing.size(), missing.size());
    pushCounts(gateway, 0, plan.steps().size() - missing.size(), missing.size());
    if (!missing.isEmpty()) {
      throw StepException.checkFailed(String.format("%d of %d backed-up metric request(s) are not listed by the "
          + "service: %s", missing.size(), plan.steps().size(), PlanLog.first(missing)));
    }
    step.log().info("verified: the service lists all %d backed-up metric request(s)", plan.steps().size());
    return StepExit.OK;
  }

  private void writeResults(long restored, long skipped, long failed) {
    step.results()
        .put(RestoreResult.RESTORED, restored)
        .put(RestoreResult.SKIPPED, skipped)
        .put(RestoreResult.FAILED, failed)
        .write();
  }

  private void pushCounts(Optional<Pushgateway> gateway, long restored, long skipped, long failed) {
    PushOptions.push(gateway, RestorePush.JOB, RestorePush.grouping(namespace, push.labels()),
        RestorePush.gauges(restored, skipped, failed), failed > 0, step.log());
  }
}
