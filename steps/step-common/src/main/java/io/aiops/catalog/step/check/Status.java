package io.aiops.catalog.step.check;

import io.aiops.catalog.step.StepExit;
import java.util.Collection;

/**
 * How one check ended, in order of gravity; a verdict is the worst status of its findings. FAIL is graver than
 * ERROR: a failed check is certain news (the thing examined is unhealthy, exit 3) and no retry changes it, while
 * ERROR only says that something could not be examined (a dependency was unavailable, exit 4: try again later).
 * So a mix of FAIL and ERROR exits 3, in every step.
 */
public enum Status {
  /** Not applicable here (a field this GPU does not have): counts as nothing. */
  SKIP,
  PASS,
  /** Worth a look, not a reason to stop: exits 0. */
  WARN,
  /** The check could not be made (endpoint unreachable, tool missing): never read as a pass. */
  ERROR,
  /** The thing examined is unhealthy (not ready, wrong answers, too slow, a bad GPU). */
  FAIL;

  public Status worse(Status other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  /** The worst of some statuses; nothing examined at all is an ERROR, never a pass. */
  public static Status worst(Collection<Status> statuses) {
    return statuses.isEmpty() ? ERROR : statuses.stream().reduce(SKIP, Status::worse);
  }

  /** SKIP, PASS and WARN: the run may go on. */
  public boolean ok() {
    return compareTo(WARN) <= 0;
  }

  /** The step's exit code for this verdict: 0 while {@link #ok()}, 3 for FAIL, 4 for ERROR. */
  public int exitCode() {
    return switch (this) {
      case SKIP, PASS, WARN -> StepExit.OK;
      case ERROR -> StepExit.UNAVAILABLE;
      case FAIL -> StepExit.CHECK_FAILED;
    };
  }
}
