package io.aiops.catalog.notebook;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;

/**
 * The training window in hours. The seed's scripts and notebooks counted it in days (TRAINING_DAYS) before they
 * moved to TRAINING_HOURS; a days value is still understood, converted, with a deprecation warning, and wins over
 * the hours (a Task always passes its training-hours default, so a days value given is the user's intent).
 */
final class TrainingWindow {
  private TrainingWindow() {}

  /** Hours as text, or null when neither is given. */
  static String hours(String hours, String days, StepLog log) {
    if (days != null && !days.isBlank()) {
      String d = days.strip();
      if (!d.matches("\\d+") || Long.parseLong(d) <= 0 || Long.parseLong(d) > 3650) {
        throw StepException.usage("TRAINING_DAYS: '" + days + "' is not a positive number of days (e.g. 7, 30); "
            + "better, give TRAINING_HOURS (168, 720)");
      }
      String converted = String.valueOf(Long.parseLong(d) * 24);
      log.warn("TRAINING_DAYS=%s is deprecated: read as TRAINING_HOURS=%s%s; give training-hours instead", d,
          converted, hours == null || hours.isBlank() || hours.strip().equals(converted) ? ""
              : " (training-hours=" + hours.strip() + " is not used)");
      return converted;
    }
    if (hours == null || hours.isBlank()) {
      return null;
    }
    String h = hours.strip();
    if (!h.matches("\\d+") || Long.parseLong(h) <= 0) {
      throw StepException.usage("TRAINING_HOURS: '" + hours + "' is not a positive number of hours (e.g. 24, 168, "
          + "720)");
    }
    return h;
  }
}
