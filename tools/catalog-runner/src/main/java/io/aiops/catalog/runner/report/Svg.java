package io.aiops.catalog.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The report's plots as inline SVG: no script, no CDN, readable in any browser and in a mail. */
final class Svg {
  private Svg() {}

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  static String color(String status) {
    return switch (status) {
      case "SUCCEEDED", "PASS" -> "#2e7d32";
      case "FAILED", "FAIL", "ERROR" -> "#c62828";
      case "SKIPPED", "WARN" -> "#f9a825";
      default -> "#9e9e9e";
    };
  }

  /** Tasks as bars on a shared time axis. */
  static String timeline(JsonNode run) {
    Instant start = Instant.parse(run.path("startedAt").asText());
    Instant end = Instant.parse(run.path("finishedAt").asText());
    double total = Math.max(1, Duration.between(start, end).toMillis());
    int rows = run.path("tasks").size();
    int width = 900;
    int label = 190;
    int height = 28 * rows + 30;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg id=\"timeline\" class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
            + "aria-label=\"timeline\">", width, height, width, height));
    int y = 0;
    for (JsonNode t : run.path("tasks")) {
      double from = t.has("startedAt")
          ? Duration.between(start, Instant.parse(t.path("startedAt").asText())).toMillis() : 0;
      double ms = t.path("durationMs").asDouble();
      double x = label + (width - label - 10) * from / total;
      double w = Math.max(2, (width - label - 10) * ms / total);
      String status = t.path("status").asText();
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>", y + 18,
          esc(t.path("name").asText())));
      s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" "
          + "fill=\"%s\"><title>%s: %s, %.1f s</title></rect>", x, y + 4, w, color(status),
          esc(t.path("name").asText()), esc(status), ms / 1000));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.1f s</text>",
          Math.min(x + w + 4, width - 40), y + 18, ms / 1000));
      y += 28;
    }
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", label,
        y + 4, width - 10, y + 4));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">0 s</text>", label, y + 20));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.1f s</text>",
        width - 10, y + 20, total / 1000));
    return s.append("</svg>").toString();
  }

  /** A histogram from bucket upper bounds (ms) and counts. */
  static String histogram(JsonNode bounds, JsonNode counts, String id) {
    int n = counts.size();
    int width = 900;
    int height = 220;
    long max = 1;
    for (JsonNode c : counts) {
      max = Math.max(max, c.asLong());
    }
    double bw = (width - 60.0) / Math.max(1, n);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg id=\"%s\" class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", id, width,
        height, width, height));
    for (int i = 0; i < n; i++) {
      long c = counts.get(i).asLong();
      double h = (height - 50.0) * c / max;
      double x = 50 + i * bw;
      s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
          + "fill=\"#1565c0\"><title>&lt;= %s ms: %d</title></rect>", x, height - 30 - h, Math.max(1, bw - 2),
          Math.max(h, c > 0 ? 1 : 0), esc(bounds.path(i).asText()), c));
      if (n <= 30 || i % (n / 15 + 1) == 0) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>", x, height - 14,
            esc(bounds.path(i).asText())));
      }
    }
    s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"14\" font-size=\"11\">%d</text>", max));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">ms</text>", width - 30, height - 2));
    return s.append("</svg>").toString();
  }
}
