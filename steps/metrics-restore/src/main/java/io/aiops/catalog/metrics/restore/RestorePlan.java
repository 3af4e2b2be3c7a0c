package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.trustyai.ScheduledRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with each backup entry, decided from the live listing and the journal of earlier runs, before any
 * POST. Order matters: entries an earlier run restored claim their own ids first; entries left in doubt by a
 * killed run then claim requests created since that run began (never one listed before it); only then does
 * --skip-existing match the rest against whatever is left.
 */
final class RestorePlan {
  enum Action { CREATE, SKIP, ALREADY_RESTORED, ADOPT }

  record Step(int index, ScheduledRequest entry, Action action, String liveId) {
    String describe() {
      return Outcome.describe(index, entry);
    }
  }

  private final List<Step> steps;
  private final Set<String> claimed;

  private RestorePlan(List<Step> steps, Set<String> claimed) {
    this.steps = steps;
    this.claimed = claimed;
  }

  static RestorePlan make(List<ScheduledRequest> backup, List<ScheduledRequest> live, RestoreJournal journal,
      boolean skipExisting) {
    LivePool pool = new LivePool(live);
    Step[] steps = new Step[backup.size()];
    Set<String> claimed = new HashSet<>();
    for (int i = 0; i < backup.size(); i++) {
      RestoreJournal.EntryState s = journal.state(i);
      if (s != null && s.state() == RestoreJournal.State.DONE && s.newId() != null && pool.remove(s.newId())) {
        steps[i] = new Step(i, backup.get(i), Action.ALREADY_RESTORED, s.newId());
        claimed.add(s.newId());
      }
    }
    Set<String> baseline = journal.baseline();
    for (int i = 0; i < backup.size(); i++) {
      RestoreJournal.EntryState s = journal.state(i);
      if (steps[i] == null && s != null && s.state() == RestoreJournal.State.IN_DOUBT) {
        var found = pool.claim(backup.get(i).request(), id -> !baseline.contains(id));
        if (found.isPresent()) {
          steps[i] = new Step(i, backup.get(i), Action.ADOPT, found.get().id());
          claimed.add(found.get().id());
        }
      }
    }
    for (int i = 0; i < backup.size(); i++) {
      if (steps[i] != null) {
        continue;
      }
      Optional<ScheduledRequest> found = skipExisting
          ? pool.claim(backup.get(i).request(), id -> true) : Optional.empty();
      int index = i;
      steps[i] = found.map(r -> new Step(index, backup.get(index), Action.SKIP, r.id()))
          .orElseGet(() -> new Step(index, backup.get(index), Action.CREATE, null));
      found.ifPresent(r -> claimed.add(r.id()));
    }
    return new RestorePlan(List.of(steps), claimed);
  }

  List<Step> steps() {
    return steps;
  }

  List<Step> with(Action action) {
    List<Step> out = new ArrayList<>();
    for (Step s : steps) {
      if (s.action() == action) {
        out.add(s);
      }
    }
    return out;
  }

  /** Live ids that stand for a backup entry: never to be taken for a request of ours left in doubt. */
  Set<String> claimed() {
    return Set.copyOf(claimed);
  }
}
