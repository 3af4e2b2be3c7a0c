package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.trustyai.ScheduledRequest;
import io.aiops.catalog.trustyai.TrustyAiService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Schedules the entries to create, at most {@code concurrency} POSTs in flight (a fixed pool of that many
 * threads, each sending one blocking request at a time).
 *
 * <p>Retries and why they are safe: the service does not de-duplicate (API.md #2), so a POST it may have acted on
 * must never be blindly sent again. StepHttp therefore retries a POST only where the service cannot have acted:
 * no connection, 429, 503. Any other failure after the request left (500, 502, 504, a timeout, a dropped
 * connection) puts the entry "in doubt": after the round, the live listing is read and each in-doubt entry claims a
 * request that appeared since the restore began and is the same metric; only those with none are posted again. A
 * 400 is the service's verdict on the request (e.g. the model's data is gone): reported with its violation text,
 * never retried.
 */
final class Restorer {
  private final TrustyAiService service;
  private final RestoreJournal journal;
  private final int concurrency;
  private final int rounds;
  private final Duration pause;
  private final StepLog log;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private sealed interface Attempt permits Created, Refused, InDoubt {}

  private record Created(String newId) implements Attempt {}

  private record Refused(int status, String reason) implements Attempt {}

  private record InDoubt(String reason) implements Attempt {}

  Restorer(TrustyAiService service, RestoreJournal journal, int concurrency, int rounds, Duration pause,
      StepLog log) {
    this.service = service;
    this.journal = journal;
    this.concurrency = concurrency;
    this.rounds = rounds;
    this.pause = pause;
    this.log = log;
  }

  /** The most POSTs that were ever in flight at once (never above the concurrency). */
  int maxInFlight() {
    return maxInFlight.get();
  }

  /**
   * @param excluded live ids that cannot be a request of ours left in doubt: listed before the restore, or
   *     already standing for another entry
   */
  List<Outcome> create(List<RestorePlan.Step> creates, Set<String> excluded) {
    Set<String> taken = new HashSet<>(excluded);
    List<Outcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "restore-post");
      t.setDaemon(true);
      return t;
    });
    try {
      List<RestorePlan.Step> pending = creates;
      for (int round = 1; !pending.isEmpty(); round++) {
        journal.intents(pending);
        List<Future<Attempt>> futures = new ArrayList<>();
        for (RestorePlan.Step step : pending) {
          futures.add(pool.submit(() -> post(step)));
        }
        List<RestorePlan.Step> inDoubt = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
          RestorePlan.Step step = pending.get(i);
          Attempt attempt = await(futures.get(i));
          if (attempt instanceof Created c) {
            journal.done(step.index(), step.entry().id(), c.newId(), "posted");
            taken.add(c.newId());
            outcomes.add(Outcome.restored(step.index(), step.entry(), c.newId(), "posted"));
            log.debug("restored %s as %s", step.describe(), c.newId());
          } else if (attempt instanceof Refused r) {
            journal.failed(step.index(), step.entry().id(), r.status(), r.reason());
            outcomes.add(Outcome.failed(step.index(), step.entry(), "HTTP " + r.status() + ": " + r.reason()));
            log.error("%s refused by the service (HTTP %d): %s", step.describe(), r.status(), r.reason());
          } else if (attempt instanceof InDoubt d) {
            inDoubt.add(step);
            doubts.add(d.reason());
          }
        }
        if (inDoubt.isEmpty()) {
          break;
        }
        if (round >= rounds) {
          for (int i = 0; i < inDoubt.size(); i++) {
            RestorePlan.Step step = inDoubt.get(i);
            outcomes.add(Outcome.failed(step.index(), step.entry(), doubts.get(i) + " (still in doubt after "
                + rounds + " rounds; the journal keeps it: re-run to resolve it, nothing is doubled)"));
          }
          break;
        }
        log.warn("%d request(s) got no clear answer (e.g. %s): checking the listing before posting them again",
            inDoubt.size(), doubts.get(0));
        sleep(pause.multipliedBy(round));
        pending = resolve(inDoubt, taken, outcomes);
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  /** In-doubt entries that the listing shows were created are adopted; the others are returned to post again. */
  private List<RestorePlan.Step> resolve(List<RestorePlan.Step> inDoubt, Set<String> taken, List<Outcome> outcomes) {
    LivePool live = new LivePool(service.listAll());
    List<RestorePlan.Step> again = new ArrayList<>();
    for (RestorePlan.Step step : inDoubt) {
      var found = live.claim(step.entry().request(), id -> id != null && !taken.contains(id));
      if (found.isPresent()) {
        String id = found.get().id();
        journal.done(step.index(), step.entry().id(), id, "adopted");
        taken.add(id);
        outcomes.add(Outcome.restored(step.index(), step.entry(), id, "adopted"));
        log.info("%s was created although its answer was lost: adopted %s", step.describe(), id);
      } else {
        again.add(step);
      }
    }
    return again;
  }

  private Attempt post(RestorePlan.Step step) {
    ScheduledRequest entry = step.entry();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      TrustyAiService.Scheduled answer = service.schedule(entry.request());
      if (answer.ok()) {
        return new Created(answer.requestId());
      }
      if (answer.status() >= 400 && answer.status() < 500) {
        return new Refused(answer.status(), answer.refusal());
      }
      return new InDoubt(answer.refusal());
    } catch (StepException e) {
      return new InDoubt(e.getMessage());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static Attempt await(Future<Attempt> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("restore interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("restore interrupted", e);
    }
  }
}
