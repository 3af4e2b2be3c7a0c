package io.aiops.catalog.runner.report;

import static io.aiops.catalog.runner.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;


/** report.html: one self-contained page (inline CSS and SVG) for one run, or two runs side by side. */
public final class HtmlReport {
  /** The reports' CSS, shared by every page the catalog CLI writes (report, compare, status). */
  public static final String STYLE = "body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
      + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;"
      + "text-align:left;font-size:13px}th{background:#f3f3f3}.SUCCEEDED,.PASS{color:#2e7d32;font-weight:600}"
      + ".FAILED,.FAIL,.ERROR,.regression{color:#c62828;font-weight:600}.SKIPPED,.WARN{color:#b28704}"
      + "code{background:#f6f6f6;padding:1px 3px}.cm td{text-align:right;min-width:48px}";

  private HtmlReport() {}

  public static String single(RunData data) {
    JsonNode run = data.run();
    StringBuilder h = page(run.path("pipeline").asText() + " " + run.path("runName").asText());
    h.append("<h1>").append(esc(run.path("pipeline").asText())).append(" <span class=\"")
        .append(statusClass(run.path("status").asText())).append("\">").append(esc(run.path("status").asText()))
        .append("</span></h1>");
    h.append("<p>run <code>").append(esc(run.path("runName").asText())).append("</code>, ")
        .append(esc(run.path("startedAt").asText())).append(" to ").append(esc(run.path("finishedAt").asText()));
    if (run.path("presets").size() > 0) {
      h.append(", presets ").append(esc(run.path("presets").toString()));
    }
    if (run.has("engine")) {
      h.append(", engine ").append(esc(run.path("engine").asText()));
    }
    h.append("</p>");
    if (run.has("failure")) {
      h.append("<p class=\"FAILED\">first failure: ").append(esc(run.path("failedTask").asText())).append(": ")
          .append(esc(run.path("failure").asText())).append("</p>");
    }
    h.append("<h2>Timeline</h2>").append(Svg.timeline(run));
    h.append("<h2>Tasks</h2><table id=\"tasks\"><tr><th>task</th><th>status</th><th>duration</th><th>results</th>"
        + "<th>artifacts</th></tr>");
    for (JsonNode t : run.path("tasks")) {
      h.append("<tr><td>").append(esc(t.path("name").asText())).append("</td><td class=\"")
          .append(esc(t.path("status").asText())).append("\">").append(esc(t.path("status").asText()));
      if (t.has("reason")) {
        h.append("<br><small>").append(esc(t.path("reason").asText())).append("</small>");
      }
      h.append(String.format(Locale.ROOT, "</td><td>%.1f s</td><td>", t.path("durationMs").asDouble() / 1000));
      t.path("results").fields().forEachRemaining(e -> h.append("<code>").append(esc(e.getKey())).append("</code> = ")
          .append(esc(abbreviate(e.getValue().asText()))).append("<br>"));
      h.append("</td><td>");
      for (JsonNode d : t.path("artifactDirs")) {
        h.append("<a href=\"").append(esc(d.asText())).append("/\">").append(esc(d.asText())).append("</a><br>");
      }
      h.append("</td></tr>");
    }
    h.append("</table>");
    data.withField("confusionMatrix").ifPresent(f -> accuracy(h, f));
    data.outputs().stream().filter(f -> f.json().path("figures").path("load").has("latencyMs")).findFirst()
        .ifPresent(f -> latency(h, f));
    data.outputs().stream().filter(f -> f.json().has("checks") && f.json().has("verdict")).forEach(f -> checks(h, f));
    h.append("<h2>Params</h2><table>");
    run.path("params").fields().forEachRemaining(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
        .append(esc(e.getValue().asText())).append("</td></tr>"));
    return h.append("</table></body></html>\n").toString();
  }

  private static void accuracy(StringBuilder h, RunData.Found f) {
    JsonNode m = f.json();
    h.append("<h2 id=\"accuracy\">Model quality (").append(esc(f.task())).append("): <span class=\"")
        .append(esc(m.path("verdict").asText())).append("\">").append(esc(m.path("verdict").asText()))
        .append("</span></h2><table id=\"figures\"><tr><th>figure</th><th>value</th></tr>");
    m.path("figures").fields().forEachRemaining(e -> h.append("<tr><td>").append(esc(e.getKey()))
        .append("</td><td>").append(number(e.getValue())).append("</td></tr>"));
    h.append("</table>");
    for (JsonNode c : m.path("thresholds")) {
      h.append("<p class=\"").append(esc(c.path("status").asText())).append("\">").append(esc(c.path("status").asText()))
          .append(": <code>").append(esc(c.path("clause").asText())).append("</code> ")
          .append(esc(c.path("values").asText())).append("</p>");
    }
    JsonNode cm = m.path("confusionMatrix");
    long max = 1;
    for (JsonNode row : cm.path("matrix")) {
      for (JsonNode v : row) {
        max = Math.max(max, v.asLong());
      }
    }
    h.append("<h3>Confusion matrix (rows: actual, columns: predicted)</h3><table class=\"cm\" id=\"confusion\">"
        + "<tr><th></th>");
    cm.path("labels").forEach(l -> h.append("<th>").append(esc(l.asText())).append("</th>"));
    h.append("</tr>");
    Iterator<JsonNode> labels = cm.path("labels").iterator();
    for (JsonNode row : cm.path("matrix")) {
      h.append("<tr><th>").append(esc(labels.hasNext() ? labels.next().asText() : "")).append("</th>");
      for (JsonNode v : row) {
        double shade = 0.1 + 0.8 * v.asDouble() / max;
        h.append(String.format(Locale.ROOT, "<td style=\"background:rgba(21,101,192,%.2f)\">%d</td>", shade, v.asLong()));
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  /** model-validate's load figures (summary.json: figures.load). */
  private static void latency(StringBuilder h, RunData.Found f) {
    JsonNode load = f.json().path("figures").path("load");
    JsonNode l = load.path("latencyMs");
    h.append("<h2 id=\"latency\">Latency (").append(esc(f.task())).append(")</h2><p>");
    for (String p : List.of("p50", "p90", "p95", "p99", "max")) {
      if (l.has(p)) {
        h.append(p).append(" ").append(number(l.path(p))).append(" ms &nbsp; ");
      }
    }
    h.append("throughput ").append(number(load.path("throughputPerSecond"))).append(" req/s &nbsp; error rate ")
        .append(number(load.path("errorRate"))).append(" &nbsp; concurrency ").append(number(load.path("concurrency")))
        .append("</p>");
    JsonNode hist = l.path("histogram");
    if (hist.has("boundsMs") && hist.has("counts")) {
      h.append(Svg.histogram(hist.path("boundsMs"), hist.path("counts"), "latency-histogram"));
    }
  }

  private static void checks(StringBuilder h, RunData.Found f) {
    h.append("<h2>Checks (").append(esc(f.task())).append("): <span class=\"").append(esc(f.json().path("verdict")
        .asText())).append("\">").append(esc(f.json().path("verdict").asText())).append("</span></h2><table>");
    for (JsonNode c : f.json().path("checks")) {
      h.append("<tr><td>").append(esc(c.path("name").asText())).append("</td><td class=\"")
          .append(esc(c.path("status").asText())).append("\">").append(esc(c.path("status").asText()))
          .append("</td><td>").append(esc(c.path("message").asText())).append("</td></tr>");
    }
    h.append("</table>");
  }

  /** Two runs side by side; a figure lower by more than the tolerance, or a task slower by more, is flagged. */
  public static String compare(RunData a, RunData b, double figureTolerance, double durationTolerance,
      List<String> regressions) {
    StringBuilder h = page("compare " + a.run().path("runName").asText() + " / " + b.run().path("runName").asText());
    h.append("<h1>").append(esc(a.run().path("runName").asText())).append(" vs ")
        .append(esc(b.run().path("runName").asText())).append("</h1>");
    h.append("<h2>Tasks</h2><table id=\"tasks\"><tr><th>task</th><th>A status</th><th>B status</th><th>A</th>"
        + "<th>B</th><th></th></tr>");
    for (JsonNode ta : a.run().path("tasks")) {
      String name = ta.path("name").asText();
      JsonNode tb = find(b.run().path("tasks"), name);
      double da = ta.path("durationMs").asDouble() / 1000;
      double db = tb.path("durationMs").asDouble() / 1000;
      boolean slower = tb.has("durationMs") && da > 0.5 && db > da * (1 + durationTolerance);
      boolean broke = ta.path("status").asText().equals("SUCCEEDED") && tb.has("status")
          && !tb.path("status").asText().equals("SUCCEEDED");
      if (slower) {
        regressions.add(String.format(Locale.ROOT, "task %s: %.1f s -> %.1f s", name, da, db));
      }
      if (broke) {
        regressions.add("task " + name + ": " + tb.path("status").asText());
      }
      h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"%s\">%s</td><td class=\"%s\">%s</td>"
          + "<td>%.1f s</td><td>%.1f s</td><td class=\"regression\">%s</td></tr>", esc(name),
          esc(ta.path("status").asText()), esc(ta.path("status").asText()), esc(tb.path("status").asText()),
          esc(tb.path("status").asText()), da, db, slower || broke ? "regression" : ""));
    }
    h.append("</table>");
    var fa = a.withField("figures");
    var fb = b.withField("figures");
    if (fa.isPresent() && fb.isPresent()) {
      h.append("<h2>Figures</h2><table id=\"figures\"><tr><th>figure</th><th>A</th><th>B</th><th>B - A</th>"
          + "<th></th></tr>");
      fa.get().json().path("figures").fields().forEachRemaining(e -> {
        JsonNode vb = fb.get().json().path("figures").path(e.getKey());
        boolean worse = e.getValue().isNumber() && vb.isNumber()
            && vb.asDouble() < e.getValue().asDouble() - figureTolerance;
        if (worse) {
          regressions.add(String.format(Locale.ROOT, "%s: %.4f -> %.4f", e.getKey(), e.getValue().asDouble(),
              vb.asDouble()));
        }
        h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(number(e.getValue()))
            .append("</td><td>").append(number(vb)).append("</td><td>")
            .append(e.getValue().isNumber() && vb.isNumber()
                ? String.format(Locale.ROOT, "%+.4f", vb.asDouble() - e.getValue().asDouble()) : "")
            .append("</td><td class=\"regression\">").append(worse ? "regression" : "").append("</td></tr>");
      });
      h.append("</table>");
    }
    h.append("<h2>Regressions</h2>");
    if (regressions.isEmpty()) {
      h.append("<p class=\"PASS\">none beyond tolerance</p>");
    }
    regressions.forEach(r -> h.append("<p class=\"regression\">").append(esc(r)).append("</p>"));
    return h.append("</body></html>\n").toString();
  }

  private static JsonNode find(JsonNode tasks, String name) {
    for (JsonNode t : tasks) {
      if (t.path("name").asText().equals(name)) {
        return t;
      }
    }
    return RunData.JSON.createObjectNode();
  }

  private static StringBuilder page(String title) {
    return new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>");
  }

  private static String statusClass(String runStatus) {
    return "Succeeded".equals(runStatus) ? "SUCCEEDED" : "FAILED";
  }

  private static String number(JsonNode v) {
    if (!v.isNumber()) {
      return esc(v.asText());
    }
    double d = v.asDouble();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.4g", d);
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

}
