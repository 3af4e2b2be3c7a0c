package io.aiops.catalog.runner.report;

import static io.aiops.catalog.runner.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * {@code catalog status} as a section in the reports' style (their CSS and escaping), rendered from the status's
 * JSON document: {@link #section} to put in a page, {@link #page} for a page of its own.
 */
public final class StatusPage {
  private StatusPage() {}

  public static String page(JsonNode status) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training status</title><style>"
        + HtmlReport.STYLE + "</style></head><body>" + section(status) + "</body></html>\n";
  }

  public static String section(JsonNode status) {
    StringBuilder h = new StringBuilder("<section id=\"training-status\"><h1>Training status</h1><p>")
        .append(esc(status.path("scope").asText())).append(", success rate and median duration over the last ")
        .append(esc(status.path("since").asText())).append(", at <code>").append(esc(status.path("now").asText()))
        .append("</code></p>");
    h.append("<h2>Latest runs</h2><table id=\"latest\"><tr><th>model</th><th>pipeline</th><th>run</th>"
        + "<th>outcome</th><th>started</th><th>duration</th><th>data</th><th>gate</th><th>model sha256 trained / "
        + "deployed</th></tr>");
    StringBuilder window = new StringBuilder("<h2>Over the window</h2><table id=\"window\"><tr><th>model</th>"
        + "<th>pipeline</th><th>runs</th><th>succeeded</th><th>failed</th><th>timed out</th><th>cancelled</th>"
        + "<th>running</th><th>success rate</th><th>median duration</th></tr>");
    boolean all = "all namespaces".equals(status.path("scope").asText());
    for (JsonNode model : status.path("models")) {
      String name = (all ? model.path("namespace").asText() + "/" : "") + model.path("model").asText();
      for (JsonNode p : model.path("pipelines")) {
        JsonNode run = p.path("latest");
        String outcome = run.path("outcome").asText();
        h.append("<tr><td>").append(esc(name)).append("</td><td>")
            .append(esc(p.path("pipeline").asText())).append("</td><td><code>").append(esc(run.path("name").asText()))
            .append("</code></td><td class=\"").append(outcomeClass(outcome)).append("\">").append(esc(outcome));
        if (!run.path("failedTask").asText().isEmpty()) {
          h.append(" at ").append(esc(run.path("failedTask").asText()));
        }
        h.append("<br><small>").append(esc(run.path("reason").asText())).append("</small></td><td>")
            .append(esc(run.path("start").asText())).append("</td><td>")
            .append(seconds(run.path("durationSeconds").asLong())).append("</td><td>")
            .append(esc(run.path("dataSource").asText()));
        if (!run.path("askedDataSource").asText().equals(run.path("dataSource").asText())
            && !run.path("askedDataSource").asText().isEmpty()) {
          h.append(" (asked ").append(esc(run.path("askedDataSource").asText())).append(")");
        }
        if (!run.path("trainingHours").asText().isEmpty()) {
          h.append(", ").append(esc(run.path("trainingHours").asText())).append(" h");
        }
        if (!run.path("fallbackReason").asText().isEmpty()) {
          h.append("<br><small>").append(esc(run.path("fallbackReason").asText())).append("</small>");
        }
        JsonNode gate = run.path("gate");
        String verdict = gate.path("verdict").asText();
        h.append("</td><td><span class=\"").append(esc(verdict)).append("\">").append(verdict.isEmpty() ? "-"
            : esc(verdict)).append("</span>");
        gate.path("figures").fields().forEachRemaining(f -> h.append("<br><code>").append(esc(f.getKey()))
            .append("</code> ").append(esc(f.getValue().asText())));
        if (!gate.path("failedClauses").asText().isEmpty()) {
          h.append("<br><small class=\"FAIL\">").append(esc(gate.path("failedClauses").asText())).append("</small>");
        }
        String trained = p.path("trainedSha256").asText();
        h.append("</td><td><code>").append(trained.isEmpty() ? "-" : esc(trained)).append("</code><br><code>")
            .append(esc(p.path("deployedSha256").asText())).append("</code></td></tr>");
        JsonNode w = p.path("window");
        window.append("<tr><td>").append(esc(name)).append("</td><td>")
            .append(esc(p.path("pipeline").asText())).append("</td>");
        for (String count : new String[] {"runs", "succeeded", "failed", "timedOut", "cancelled", "running"}) {
          window.append("<td>").append(w.path(count).asInt()).append("</td>");
        }
        window.append("<td>").append(w.path("successRate").isNumber()
            ? String.format(Locale.ROOT, "%.0f%%", w.path("successRate").asDouble() * 100) : "-").append("</td><td>")
            .append(w.path("medianDurationSeconds").isNumber() ? seconds(w.path("medianDurationSeconds").asLong())
                : "-").append("</td></tr>");
      }
    }
    h.append("</table>").append(window).append("</table>");
    h.append("<h2>Retraining CronJobs</h2><table id=\"cronjobs\"><tr><th>CronJob</th><th>model</th><th>schedule</th>"
        + "<th>time zone</th><th>suspended</th><th>last scheduled</th><th>last successful</th><th>next run</th></tr>");
    for (JsonNode c : status.path("cronJobs")) {
      h.append("<tr><td>").append(esc((all ? c.path("namespace").asText() + "/" : "") + c.path("name").asText()))
          .append("</td><td>").append(esc(c.path("model")
          .asText())).append("</td><td><code>").append(esc(c.path("schedule").asText())).append("</code></td><td>")
          .append(esc(c.path("timeZone").asText())).append("</td><td>").append(c.path("suspended").asBoolean()
          ? "<span class=\"WARN\">yes</span>" : "no").append("</td><td>")
          .append(esc(c.path("lastScheduleTime").asText())).append("</td><td>")
          .append(esc(c.path("lastSuccessfulTime").asText())).append("</td><td>")
          .append(esc(c.path("nextRun").asText("")));
      if (!c.path("problem").asText().isEmpty()) {
        h.append("<br><small class=\"FAIL\">").append(esc(c.path("problem").asText())).append("</small>");
      }
      h.append("</td></tr>");
    }
    return h.append("</table></section>").toString();
  }

  private static String outcomeClass(String outcome) {
    return switch (outcome) {
      case "Succeeded" -> "SUCCEEDED";
      case "Failed", "TimedOut" -> "FAILED";
      default -> "SKIPPED";
    };
  }

  private static String seconds(long s) {
    return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
        : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
