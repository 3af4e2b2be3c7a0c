package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.StepLog;
import java.util.List;
import java.util.stream.Collectors;

/** The plan as the log shows it: one line per backup entry, so a dry run can be reviewed request by request. */
final class PlanLog {
  private static final int SHOWN = 20;

  private PlanLog() {}

  static void print(RestorePlan plan, StepLog log) {
    for (RestorePlan.Step s : plan.steps()) {
      String what = switch (s.action()) {
        case CREATE -> "create";
        case SKIP -> "skip (listed as " + s.liveId() + ")";
        case ALREADY_RESTORED -> "already restored (as " + s.liveId() + ")";
        case ADOPT -> "already restored (as " + s.liveId() + ", answer lost in an earlier run)";
      };
      log.info("plan: %s %s", what, s.describe());
    }
  }

  /** The first entries of a list, for a one-line error. */
  static String first(List<RestorePlan.Step> steps) {
    String shown = steps.stream().limit(SHOWN).map(RestorePlan.Step::describe).collect(Collectors.joining("; "));
    return steps.size() > SHOWN ? shown + "; and " + (steps.size() - SHOWN) + " more (see the log)" : shown;
  }
}
