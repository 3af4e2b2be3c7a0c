package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A self-contained HTML copy of an executed notebook, readable in any browser without Jupyter: sources, text
 * outputs, PNG figures, tracebacks. The failing cell is marked and linked from the top, so finding it needs no
 * download. Outputs are escaped: a notebook's own HTML is shown as its text/plain form.
 */
final class NotebookHtml {
  private NotebookHtml() {}

  static String render(Notebook nb, String title, Integer failedCell) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;")
        .append("white-space:pre-wrap}.cell{border-left:4px solid #ddd;margin:1em 0;padding-left:.8em}")
        .append(".failed{border-left-color:#d73a49}.err{background:#ffeef0}.n{color:#888;font-size:.9em}</style>")
        .append("</head><body>\n<h1>").append(esc(title)).append("</h1>\n");
    if (failedCell != null) {
      h.append("<p class=\"err\">Failed at <a href=\"#cell-").append(failedCell).append("\">cell ")
          .append(failedCell).append("</a>.</p>\n");
    }
    for (int i = 0; i < nb.cells().size(); i++) {
      JsonNode cell = nb.cells().get(i);
      boolean failed = failedCell != null && failedCell == i;
      h.append("<div class=\"cell").append(failed ? " failed" : "").append("\" id=\"cell-").append(i).append("\">");
      JsonNode n = cell.get("execution_count");
      h.append("<div class=\"n\">cell ").append(i).append(' ').append(esc(cell.path("cell_type").asText()));
      if (n != null && !n.isNull()) {
        h.append(" [").append(n.asInt()).append(']');
      }
      JsonNode tags = cell.path("metadata").path("tags");
      if (tags.size() > 0) {
        h.append(" tags: ").append(esc(tags.toString()));
      }
      h.append("</div><pre>").append(esc(Notebook.source(cell))).append("</pre>\n");
      for (JsonNode out : cell.path("outputs")) {
        output(h, out);
      }
      h.append("</div>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void output(StringBuilder h, JsonNode out) {
    switch (out.path("output_type").asText()) {
      case "stream" -> h.append("<pre>").append(esc(text(out.get("text")))).append("</pre>\n");
      case "error" -> {
        StringBuilder tb = new StringBuilder();
        out.path("traceback").forEach(t -> tb.append(ExecutionOutcome.stripAnsi(t.asText())).append('\n'));
        h.append("<pre class=\"err\">").append(esc(tb.length() > 0 ? tb.toString()
            : out.path("ename").asText() + ": " + out.path("evalue").asText())).append("</pre>\n");
      }
      case "execute_result", "display_data" -> {
        JsonNode data = out.path("data");
        if (data.has("image/png")) {
          h.append("<img alt=\"figure\" src=\"data:image/png;base64,")
              .append(text(data.get("image/png")).replaceAll("[^A-Za-z0-9+/=]", "")).append("\">\n");
        } else if (data.has("text/plain")) {
          h.append("<pre>").append(esc(text(data.get("text/plain")))).append("</pre>\n");
        }
      }
      default -> { }
    }
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "";
    }
    if (node.isArray()) {
      StringBuilder s = new StringBuilder();
      node.forEach(l -> s.append(l.asText()));
      return s.toString();
    }
    return node.asText();
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
