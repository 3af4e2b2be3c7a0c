package io.aiops.catalog.runner.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.runner.status.StatusReport.PipelineStatus;
import io.aiops.catalog.runner.status.StatusReport.RunDetail;
import io.aiops.catalog.runner.status.StatusReport.Window;
import io.aiops.catalog.step.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The status as a table for people and as one JSON document (which the HTML page is rendered from). */
final class StatusFormats {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  /** Figures the table shows beside the verdict; JSON and HTML carry them all. */
  private static final List<String> TABLE_FIGURES = List.of("accuracy", "precision", "recall", "f1");

  private StatusFormats() {}

  static String table(StatusReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Training status, ").append(report.scope()).append(", success rate and median over the last ")
        .append(human(report.since())).append(" (now ").append(MINUTE.format(report.now())).append(")\n\n");
    List<String> notes = new ArrayList<>();
    boolean all = StatusReport.ALL_NAMESPACES.equals(report.scope());
    if (report.models().isEmpty()) {
      out.append("No runs of the training pipelines.\n");
    } else {
      Table latest = new Table("MODEL", "PIPELINE", "LATEST RUN", "OUTCOME", "STARTED", "DURATION", "DATA", "GATE",
          "TRAINED", "DEPLOYED");
      Table window = new Table("MODEL", "PIPELINE", "RUNS", "SUCCEEDED", "FAILED", "TIMED OUT", "CANCELLED",
          "RUNNING", "SUCCESS RATE", "MEDIAN DURATION");
      for (var model : report.models()) {
        String name = all ? model.namespace() + "/" + model.model() : model.model();
        for (PipelineStatus p : model.pipelines()) {
          RunDetail d = p.latest();
          latest.row(name, p.pipeline(), d.run().name(), outcome(d), time(d.run().start()),
              human(d.duration()), data(d), gate(d), shortSha(d.modelSha256()), shortSha(p.deployedSha256()));
          Window w = p.window();
          window.row(name, p.pipeline(), Integer.toString(w.runs()), Integer.toString(w.succeeded()),
              Integer.toString(w.failed()), Integer.toString(w.timedOut()), Integer.toString(w.cancelled()),
              Integer.toString(w.running()), w.successRate() == null ? "-"
                  : String.format(Locale.ROOT, "%.0f%%", w.successRate() * 100),
              w.medianDuration() == null ? "-" : human(w.medianDuration()));
          String where = name + " " + d.run().name() + ": ";
          if (!d.failedClauses().isEmpty()) {
            notes.add(where + "gate failed: " + d.failedClauses());
          }
          if (!d.fallbackReason().isEmpty()) {
            notes.add(where + "synthetic data: " + d.fallbackReason());
          }
        }
      }
      out.append(latest).append('\n').append(window);
      notes.forEach(n -> out.append("  ").append(n).append('\n'));
    }
    out.append('\n');
    if (report.cronJobs().isEmpty()) {
      out.append("No retraining CronJobs.\n");
    } else {
      Table crons = new Table("CRONJOB", "MODEL", "SCHEDULE", "TIME ZONE", "SUSPENDED", "LAST SCHEDULED",
          "LAST SUCCESSFUL", "NEXT RUN");
      for (CronJobView c : report.cronJobs()) {
        crons.row(all ? c.namespace() + "/" + c.name() : c.name(), c.model(), c.schedule(),
            c.timeZone() + (c.zoneGiven() ? "" : " (assumed)"),
            c.suspended() ? "yes" : "no", time(c.lastSchedule()), time(c.lastSuccessful()),
            c.suspended() ? "suspended" : c.next() == null ? "-" : ZONED.format(c.next()) + " " + c.timeZone()
                + " (in " + human(Duration.between(report.now(), c.next().toInstant())) + ")");
      }
      out.append(crons);
      report.cronJobs().stream().filter(c -> !c.problem().isEmpty())
          .forEach(c -> out.append("  ").append(all ? c.namespace() + "/" + c.name() : c.name()).append(": ")
              .append(c.problem()).append('\n'));
    }
    return out.toString();
  }

  static ObjectNode json(StatusReport report) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("scope", report.scope()).put("now", report.now().toString())
        .put("sinceSeconds", report.since().toSeconds()).put("since", human(report.since()));
    ArrayNode models = root.putArray("models");
    for (var model : report.models()) {
      ObjectNode m = models.addObject().put("namespace", model.namespace()).put("model", model.model());
      ArrayNode pipelines = m.putArray("pipelines");
      for (PipelineStatus p : model.pipelines()) {
        RunDetail d = p.latest();
        ObjectNode row = pipelines.addObject().put("pipeline", p.pipeline());
        ObjectNode latest = row.putObject("latest").put("name", d.run().name()).put("outcome", d.run().outcome().shown)
            .put("reason", d.run().reason()).put("failedTask", d.failedTask())
            .put("start", text(d.run().start())).put("end", text(d.run().end()))
            .put("durationSeconds", d.duration().toSeconds()).put("dataSource", d.dataSource())
            .put("askedDataSource", d.askedDataSource()).put("trainingHours", d.trainingHours())
            .put("fallbackReason", d.fallbackReason()).put("modelSha256", d.modelSha256());
        ObjectNode gate = latest.putObject("gate").put("verdict", d.verdict()).put("failedClauses", d.failedClauses());
        ObjectNode figures = gate.putObject("figures");
        d.figures().forEach(figures::put);
        Window w = p.window();
        ObjectNode window = row.putObject("window").put("runs", w.runs()).put("succeeded", w.succeeded())
            .put("failed", w.failed()).put("timedOut", w.timedOut()).put("cancelled", w.cancelled())
            .put("running", w.running());
        if (w.successRate() == null) {
          window.putNull("successRate");
        } else {
          window.put("successRate", w.successRate());
        }
        if (w.medianDuration() == null) {
          window.putNull("medianDurationSeconds");
        } else {
          window.put("medianDurationSeconds", w.medianDuration().toSeconds());
        }
        row.put("trainedSha256", d.modelSha256()).put("deployedSha256", p.deployedSha256())
            .put("deployedBy", p.deployedBy());
      }
    }
    ArrayNode crons = root.putArray("cronJobs");
    for (CronJobView c : report.cronJobs()) {
      crons.addObject().put("namespace", c.namespace()).put("name", c.name()).put("model", c.model())
          .put("schedule", c.schedule()).put("timeZone", c.timeZone()).put("timeZoneGiven", c.zoneGiven())
          .put("suspended", c.suspended()).put("lastScheduleTime", text(c.lastSchedule()))
          .put("lastSuccessfulTime", text(c.lastSuccessful()))
          .put("nextRun", c.next() == null ? null : c.next().toOffsetDateTime().toString())
          .put("problem", c.problem());
    }
    return root;
  }

  private static String outcome(RunDetail d) {
    String shown = d.run().outcome().shown;
    return d.failedTask().isEmpty() ? shown : shown + " at " + d.failedTask();
  }

  private static String data(RunDetail d) {
    String source = d.dataSource().isEmpty() ? d.askedDataSource() : d.dataSource();
    if (!d.askedDataSource().isEmpty() && !d.dataSource().isEmpty() && !d.askedDataSource().equals(d.dataSource())) {
      source = d.dataSource() + " (asked " + d.askedDataSource() + ")";
    }
    String hours = d.trainingHours().isEmpty() ? "" : d.trainingHours() + "h";
    String both = (source + " " + hours).trim();
    return both.isEmpty() ? "-" : both;
  }

  private static String gate(RunDetail d) {
    if (d.verdict().isEmpty()) {
      return "-";
    }
    StringBuilder s = new StringBuilder(d.verdict());
    TABLE_FIGURES.forEach(f -> {
      if (d.figures().containsKey(f)) {
        s.append(' ').append(f).append(' ').append(d.figures().get(f));
      }
    });
    return s.toString();
  }

  static String shortSha(String sha) {
    return sha == null || sha.isEmpty() ? "-" : sha.length() > 12 && sha.matches("[0-9a-f]+") ? sha.substring(0, 12)
        : sha;
  }

  private static String time(Instant t) {
    return t == null ? "-" : MINUTE.format(t);
  }

  private static String text(Instant t) {
    return t == null ? "" : t.toString();
  }

  /** 45s, 14m03s, 2h05m, 3d4h. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return s % 86400 == 0 ? s / 86400 + "d" : String.format(Locale.ROOT, "%dd%dh", s / 86400, s % 86400 / 3600);
  }

  /** Columns padded to their widest cell, two spaces apart. */
  private static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    @Override
    public String toString() {
      int[] width = new int[rows.get(0).length];
      rows.forEach(r -> {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], r[i].length());
        }
      });
      StringBuilder out = new StringBuilder();
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          line.append(i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", r[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
      return out.toString();
    }
  }
}
