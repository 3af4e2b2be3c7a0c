package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.trustyai.ScheduledRequest;

/** What became of one backup entry: restored (with its new id), skipped (with the live id) or failed (why). */
record Outcome(int index, ScheduledRequest entry, RestoreResult result, String newId, String reason) {

  static Outcome restored(int index, ScheduledRequest entry, String newId, String how) {
    return new Outcome(index, entry, RestoreResult.RESTORED, newId, how);
  }

  static Outcome failed(int index, ScheduledRequest entry, String reason) {
    return new Outcome(index, entry, RestoreResult.FAILED, null, reason);
  }

  /** "requests[3] (id 02428fb8-...) SPD credit-model 'spd-gender'": how the log and the errors name an entry. */
  static String describe(int index, ScheduledRequest entry) {
    var name = entry.request().get("requestName");
    return String.format("requests[%d] (id %s) %s %s %s", index, entry.id(), entry.metricName(), entry.modelId(),
        name == null || name.isNull() ? "(no requestName)" : "'" + name.asText() + "'");
  }

  String describe() {
    return describe(index, entry);
  }
}
