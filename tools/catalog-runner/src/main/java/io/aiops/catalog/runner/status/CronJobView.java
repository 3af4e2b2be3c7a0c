package io.aiops.catalog.runner.status;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A retraining CronJob: its schedule and time zone, suspended or not, when the controller last started it and last
 * saw it succeed, and when it starts next (computed from the schedule in its time zone; none while suspended).
 * Without spec.timeZone the controller uses its own local zone: assumed UTC, and said so.
 */
record CronJobView(String namespace, String name, String model, String schedule, String timeZone, boolean zoneGiven,
    boolean suspended, Instant lastSchedule, Instant lastSuccessful, ZonedDateTime next, String problem) {

  static CronJobView of(CronJob cronJob, Instant now) {
    var meta = cronJob.getMetadata();
    var spec = cronJob.getSpec();
    var status = cronJob.getStatus();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    String name = meta.getName();
    String model = labels.getOrDefault(RunView.MODEL_LABEL, name.endsWith("-retraining")
        ? name.substring(0, name.length() - "-retraining".length()) : name);
    String schedule = spec == null || spec.getSchedule() == null ? "" : spec.getSchedule();
    String zoneText = spec == null || spec.getTimeZone() == null || spec.getTimeZone().isEmpty() ? null
        : spec.getTimeZone();
    boolean suspended = spec != null && Boolean.TRUE.equals(spec.getSuspend());
    ZonedDateTime next = null;
    String problem = "";
    try {
      ZoneId zone = zoneText == null ? ZoneOffset.UTC : ZoneId.of(zoneText);
      CronSchedule cron = CronSchedule.parse(schedule);
      if (!suspended) {
        next = cron.next(now.atZone(zone), zone).orElse(null);
        if (next == null) {
          problem = "the schedule never fires within five years";
        }
      }
    } catch (DateTimeException e) {
      problem = "unknown time zone '" + zoneText + "'";
    } catch (IllegalArgumentException e) {
      problem = "schedule '" + schedule + "': " + e.getMessage();
    }
    return new CronJobView(meta.getNamespace(), name, model, schedule, zoneText == null ? "UTC" : zoneText,
        zoneText != null, suspended, time(status == null ? null : status.getLastScheduleTime()),
        time(status == null ? null : status.getLastSuccessfulTime()), next, problem);
  }

  private static Instant time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
