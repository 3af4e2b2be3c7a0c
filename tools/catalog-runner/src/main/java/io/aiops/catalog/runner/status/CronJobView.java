package io.aiops.catalog.runner.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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

  /**
   * The few fields of a batch/v1 CronJob read here, bound from the API server's JSON as it streams in: the job
   * template (a whole Pod spec, the bulk of the object and of a typed model's classes) is skipped.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Fields {
    public ObjectMeta metadata;
    public Spec spec;
    public Status status;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Spec {
      public String schedule;
      public String timeZone;
      public Boolean suspend;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Status {
      public String lastScheduleTime;
      public String lastSuccessfulTime;
    }
  }

  static CronJobView of(Fields cronJob, Instant now) {
    ObjectMeta meta = cronJob.metadata != null ? cronJob.metadata : new ObjectMeta();
    Fields.Spec spec = cronJob.spec;
    Fields.Status status = cronJob.status;
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    String name = meta.getName() == null ? "" : meta.getName();
    String model = labels.getOrDefault(RunView.MODEL_LABEL, name.endsWith("-retraining")
        ? name.substring(0, name.length() - "-retraining".length()) : name);
    String schedule = spec == null || spec.schedule == null ? "" : spec.schedule;
    String zoneText = spec == null || spec.timeZone == null || spec.timeZone.isEmpty() ? null : spec.timeZone;
    boolean suspended = spec != null && Boolean.TRUE.equals(spec.suspend);
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
        zoneText != null, suspended, time(status == null ? null : status.lastScheduleTime),
        time(status == null ? null : status.lastSuccessfulTime), next, problem);
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
