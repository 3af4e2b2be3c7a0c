package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiLocator;
import io.aiops.catalog.trustyai.TrustyAiService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * One restore run, whatever its mode: the backup loaded and checked, the service found and ready, the plan made
 * against its listing, then restored (journaled, verified), shown (dry run) or only verified.
 */
final class MetricsRestore {
  /** The counts the run reports as results, and why it failed (null when it did not). */
  record Totals(long restored, long skipped, long failed, String failure) {}

  private final StepLog log;
  private final StepHttp http;
  private final Supplier<KubernetesClient> kubernetes;

  MetricsRestore(StepLog log, StepHttp http, Supplier<KubernetesClient> kubernetes) {
    this.log = log;
    this.http = http;
    this.kubernetes = kubernetes;
  }

  Totals run(RestoreRequest r) {
    BackupSource source = BackupSource.load(r.file(), r.backupDir(), log);
    List<ScheduledRequest> backed = source.backup().requests();
    log.info("backup %s: %d metric request(s), sha256 %s", source.file(), backed.size(), source.sha256());

    TrustyAiService service = new TrustyAiService(
        TrustyAiLocator.locate(r.serviceUrl(), r.namespace(), r.routeLabel(), kubernetes, log), http);
    service.awaitReady(r.readyTimeout());
    try (RestoreJournal journal = RestoreJournal.read(source.sibling(".restore-journal.jsonl"), source.sha256(),
        log)) {
      if (r.mode() == RestoreRequest.Mode.RESTORE) {
        journal.open();
      }
      List<ScheduledRequest> live = service.listAll();
      return switch (r.mode()) {
        case VERIFY_ONLY -> verifyOnly(RestorePlan.make(backed, live, RestoreJournal.none(), true));
        case DRY_RUN -> dryRun(RestorePlan.make(backed, live, journal, r.skipExisting()));
        case RESTORE -> restore(source, service, journal, live,
            RestorePlan.make(backed, live, journal, r.skipExisting()), r);
      };
    }
  }

  private Totals restore(BackupSource source, TrustyAiService service, RestoreJournal journal,
      List<ScheduledRequest> live, RestorePlan plan, RestoreRequest r) {
    RestoreRun.Done done = new RestoreRun(service, journal, log).execute(source, live, plan, r.concurrency(),
        r.verify());
    RestoreReport report = done.report();
    log.info("restored %d, skipped %d, failed %d of %d (%d already restored by an earlier run); id map %s; "
        + "at most %d POSTs in flight", report.count(RestoreResult.RESTORED), report.count(RestoreResult.SKIPPED),
        report.count(RestoreResult.FAILED), plan.steps().size(),
        plan.with(RestorePlan.Action.ALREADY_RESTORED).size(), done.idMap(), done.maxInFlight());
    report.failures().forEach(o -> log.error("not restored: %s: %s", o.describe(), o.reason()));
    return new Totals(report.count(RestoreResult.RESTORED), report.count(RestoreResult.SKIPPED),
        report.count(RestoreResult.FAILED), report.failures().isEmpty() ? null : report.failureSummary());
  }

  private Totals dryRun(RestorePlan plan) {
    long create = plan.with(RestorePlan.Action.CREATE).size();
    long skip = plan.with(RestorePlan.Action.SKIP).size();
    PlanLog.print(plan, log);
    log.info("dry run: would restore %d and skip %d (%d restored earlier); nothing was posted", create, skip,
        plan.steps().size() - create - skip);
    return new Totals(create, skip, 0, null);
  }

  /** Every backed-up metric must be listed (as often as it is in the backup); the missing ones fail. */
  private Totals verifyOnly(RestorePlan plan) {
    List<RestorePlan.Step> missing = plan.with(RestorePlan.Action.CREATE);
    missing.forEach(s -> log.error("not listed: %s", s.describe()));
    if (missing.isEmpty()) {
      log.info("verified: the service lists all %d backed-up metric request(s)", plan.steps().size());
    }
    return new Totals(0, plan.steps().size() - missing.size(), missing.size(), missing.isEmpty() ? null
        : String.format("%d of %d backed-up metric request(s) are not listed by the service: %s", missing.size(),
            plan.steps().size(), PlanLog.first(missing)));
  }
}
