package io.aiops.catalog.runner.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.runner.report.HtmlReport;
import io.aiops.catalog.step.json.Json;
import io.aiops.catalog.runner.status.StatusReport.CronJobView;
import io.aiops.catalog.runner.status.StatusReport.KindStatus;
import io.aiops.catalog.runner.status.StatusReport.ModelStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The status as a text table, as JSON, and as an HTML page in the reports' style. */
final class StatusFormats {
  static final ObjectMapper JSON = Json.pretty();
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
      .withZone(ZoneOffset.UTC);
  static final List<String> RUN_COLUMNS = List.of("MODEL", "KIND", "LATEST RUN", "OUTCOME", "STARTED", "DURATION",
      "SOURCE", "WINDOW", "GATE", "FIGURES", "RUNS", "SUCCESS", "MEDIAN");
  static final List<String> CRON_COLUMNS = List.of("CRONJOB", "MODEL", "SCHEDULE", "TIME ZONE", "SUSPENDED",
      "LAST SCHEDULE", "LAST SUCCESS", "NEXT RUN");

  private StatusFormats() {}

  static List<List<String>> runRows(StatusReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (ModelStatus m : r.models()) {
      for (KindStatus k : m.kinds()) {
        RunView v = k.latest();
        rows.add(List.of(m.model(), k.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), v.name(),
            v.outcome().name(), when(v.start()), duration(v.duration()) + (v.outcome().finished() ? "" : "+"),
            dash(v.dataSource()), dash(v.window()), dash(v.verdict()), dash(figures(v)),
            Integer.toString(k.finished()), Double.isNaN(k.successRate()) ? "-"
                : String.format(Locale.ROOT, "%.0f%%", 100 * k.successRate()), duration(k.median())));
      }
    }
    return rows;
  }

  static List<List<String>> cronRows(StatusReport r) {
    return r.cronJobs().stream().map(c -> List.of(c.namespace() + "/" + c.name(), dash(c.model()), c.schedule(),
        c.timeZone().isBlank() ? "(controller's, UTC)" : c.timeZone(), c.suspended() ? "yes" : "no",
        when(c.lastSchedule()), when(c.lastSuccess()), c.suspended() ? "(suspended)"
            : c.problem().isBlank() ? when(c.nextRun()) : c.problem())).toList();
  }

  static List<String> modelLines(StatusReport r) {
    return r.models().stream().map(m -> m.model() + ": trained " + shortSha(m.trainedSha256()) + ", deployed "
        + shortSha(m.deployedSha256()) + (!m.trainedSha256().isBlank() && !m.trainedSha256()
        .equals(m.deployedSha256()) ? " (the latest trained model is not the deployed one)" : "")).toList();
  }

  static String table(StatusReport r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Training status at %s, runs since %s (%s)%n%n", when(r.now()),
        when(r.now().minus(r.since())), duration(r.since())));
    out.append(columns(RUN_COLUMNS, runRows(r)));
    out.append('\n');
    modelLines(r).forEach(l -> out.append(l).append('\n'));
    out.append('\n').append(columns(CRON_COLUMNS, cronRows(r)));
    return out.toString();
  }

  static String json(StatusReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("now", r.now().toString());
    root.put("sinceSeconds", r.since().toSeconds());
    ArrayNode models = root.putArray("models");
    for (ModelStatus m : r.models()) {
      ObjectNode model = models.addObject().put("model", m.model()).put("trainedSha256", m.trainedSha256())
          .put("deployedSha256", m.deployedSha256());
      ArrayNode kinds = model.putArray("runs");
      for (KindStatus k : m.kinds()) {
        ObjectNode kind = kinds.addObject().put("kind", k.kind().name()).put("finished", k.finished())
            .put("succeeded", k.succeeded());
        if (!Double.isNaN(k.successRate())) {
          kind.put("successRate", k.successRate());
        }
        if (k.median() != null) {
          kind.put("medianDurationSeconds", k.median().toSeconds());
        }
        RunView v = k.latest();
        ObjectNode latest = kind.putObject("latest").put("namespace", v.namespace()).put("name", v.name())
            .put("pipeline", v.pipeline()).put("outcome", v.outcome().name()).put("start", v.start().toString())
            .put("durationSeconds", v.duration().toSeconds()).put("dataSource", v.dataSource())
            .put("window", v.window()).put("verdict", v.verdict()).put("failedClauses", v.failedClauses())
            .put("modelSha256", v.modelSha256());
        ObjectNode figures = latest.putObject("figures");
        v.figures().forEach(figures::put);
      }
    }
    ArrayNode crons = root.putArray("cronJobs");
    for (CronJobView c : r.cronJobs()) {
      crons.addObject().put("namespace", c.namespace()).put("name", c.name()).put("model", c.model())
          .put("schedule", c.schedule()).put("timeZone", c.timeZone()).put("suspended", c.suspended())
          .put("lastScheduleTime", str(c.lastSchedule())).put("lastSuccessfulTime", str(c.lastSuccess()))
          .put("nextRunTime", str(c.nextRun())).put("problem", c.problem());
    }
    return root.toPrettyString() + "\n";
  }

  /** A section of the reports' kind: the same CSS, status classes on the outcome cells. */
  static String html(StatusReport r) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + "Training status</title><style>").append(HtmlReport.STYLE).append("</style></head><body>");
    h.append("<section id=\"training-status\"><h1>Training status</h1><p>at ").append(esc(when(r.now())))
        .append(", runs since ").append(esc(when(r.now().minus(r.since())))).append("</p>");
    h.append("<h2>Latest runs per model</h2>").append(htmlTable(RUN_COLUMNS, runRows(r), 3));
    h.append("<h2>Models: trained and deployed</h2><ul>");
    modelLines(r).forEach(l -> h.append("<li>").append(esc(l)).append("</li>"));
    h.append("</ul><h2>Retraining CronJobs</h2>").append(htmlTable(CRON_COLUMNS, cronRows(r), -1));
    return h.append("</section></body></html>\n").toString();
  }

  private static String htmlTable(List<String> header, List<List<String>> rows, int outcomeColumn) {
    StringBuilder t = new StringBuilder("<table><tr>");
    header.forEach(c -> t.append("<th>").append(esc(c)).append("</th>"));
    t.append("</tr>");
    for (List<String> row : rows) {
      t.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        String css = i == outcomeColumn ? (cell.equals("SUCCEEDED") ? "SUCCEEDED" : cell.startsWith("RUNNING")
            || cell.equals("PENDING") ? "WARN" : "FAILED") : "";
        t.append(css.isEmpty() ? "<td>" : "<td class=\"" + css + "\">").append(esc(cell)).append("</td>");
      }
      t.append("</tr>");
    }
    return t.append("</table>").toString();
  }

  private static String columns(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + width[i] + "s", row.get(i))).append(i + 1 < row.size() ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String figures(RunView v) {
    return v.figures().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    return s >= 86_400 ? (s / 86_400) + "d" + (s % 86_400 / 3600) + "h" : s >= 3600 ? (s / 3600) + "h"
        + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }

  private static String when(Instant i) {
    return i == null ? "-" : WHEN.format(i);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private static String shortSha(String sha) {
    return sha == null || sha.isBlank() ? "(none)" : sha.substring(0, Math.min(12, sha.length()));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
