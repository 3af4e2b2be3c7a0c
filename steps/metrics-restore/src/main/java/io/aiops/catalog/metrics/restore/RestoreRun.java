package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Carries out a plan: journal the run, account for what is already there, create the rest, verify, map the ids. */
final class RestoreRun {
  /** Rounds of POSTs for entries whose answer was lost (each after checking the listing), and the pause between. */
  static final int ROUNDS = 3;
  static final Duration PAUSE = Duration.ofSeconds(1);

  record Done(RestoreReport report, Path idMap, int maxInFlight) {}

  private final TrustyAiService service;
  private final RestoreJournal journal;
  private final StepLog log;

  RestoreRun(TrustyAiService service, RestoreJournal journal, StepLog log) {
    this.service = service;
    this.journal = journal;
    this.log = log;
  }

  Done execute(BackupSource source, List<ScheduledRequest> live, RestorePlan plan, int concurrency,
      boolean verify) {
    journal.start(service.base().toString(), live.stream().map(ScheduledRequest::id).toList());
    List<Outcome> outcomes = new ArrayList<>();
    for (RestorePlan.Step s : plan.steps()) {
      switch (s.action()) {
        case ALREADY_RESTORED -> outcomes.add(Outcome.restored(s.index(), s.entry(), s.liveId(), "earlier run"));
        case ADOPT -> {
          journal.done(s.index(), s.entry().id(), s.liveId(), "adopted");
          log.info("%s was created by an earlier run whose answer was lost: adopted %s", s.describe(), s.liveId());
          outcomes.add(Outcome.restored(s.index(), s.entry(), s.liveId(), "adopted"));
        }
        case SKIP -> outcomes.add(new Outcome(s.index(), s.entry(), RestoreResult.SKIPPED, s.liveId(), null));
        case CREATE -> { }
      }
    }
    Set<String> excluded = new HashSet<>(journal.baseline());
    excluded.addAll(plan.claimed());
    Restorer restorer = new Restorer(service, journal, concurrency, ROUNDS, PAUSE, log);
    outcomes.addAll(restorer.create(plan.with(RestorePlan.Action.CREATE), excluded));
    RestoreReport report = new RestoreReport(outcomes);
    if (verify) {
      report = report.verified(service.listAll());
    }
    Path idMap = report.writeIdMap(source, service.base().toString());
    return new Done(report, idMap, restorer.maxInFlight());
  }
}
