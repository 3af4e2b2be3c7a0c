package io.aiops.catalog.runner.readme;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Workspaces, Parameters and Results tables of a Task or Pipeline README, generated from its YAML: each
 * description is written once, in the YAML, and the README shows it. {@link #update} rewrites the tables under the
 * README's {@code ## Workspaces}, {@code ## Parameters} and {@code ## Results} headings and leaves the rest.
 */
public final class ReadmeTables {
  public static final String REQUIRED = "(required)";
  /** heading -> the spec's list it shows. */
  public static final Map<String, String> SECTIONS = Map.of("Workspaces", "workspaces", "Parameters", "params",
      "Results", "results");

  private ReadmeTables() {}

  /** The README with every table regenerated from the Task's or Pipeline's spec. */
  public static String update(String markdown, JsonNode spec) {
    String out = markdown;
    for (String heading : List.of("Workspaces", "Parameters", "Results")) {
      JsonNode items = spec.path(SECTIONS.get(heading));
      if (items.isArray() && !items.isEmpty()) {
        out = replaceTable(out, heading, render(heading, items));
      }
    }
    return out;
  }

  /** Headings the spec has entries for but the README lacks (nowhere to put the table). */
  public static List<String> missingHeadings(String markdown, JsonNode spec) {
    List<String> missing = new ArrayList<>();
    SECTIONS.forEach((heading, key) -> {
      if (spec.path(key).isArray() && !spec.path(key).isEmpty() && tableStart(markdown.lines().toList(), heading) < 0) {
        missing.add(heading);
      }
    });
    return missing;
  }

  static String render(String heading, JsonNode items) {
    boolean params = heading.equals("Parameters");
    StringBuilder t = new StringBuilder(params ? "| name | description | default |\n|---|---|---|\n"
        : "| name | description |\n|---|---|\n");
    for (JsonNode item : items) {
      String description = String.join(" ", item.path("description").asText().trim().split("\\s+"));
      t.append("| `").append(item.path("name").asText()).append("` | ").append(cell(description));
      if (params) {
        t.append(" | ").append(defaultCell(item));
      }
      t.append(" |\n");
    }
    return t.toString();
  }

  private static String defaultCell(JsonNode param) {
    if (!param.has("default")) {
      return REQUIRED;
    }
    JsonNode d = param.get("default");
    String text = d.isTextual() ? d.asText() : d.toString();
    return text.isEmpty() ? "`\"\"`" : "`" + cell(text) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String replaceTable(String markdown, String heading, String table) {
    List<String> lines = new ArrayList<>(markdown.lines().toList());
    int start = tableStart(lines, heading);
    if (start < 0) {
      return markdown;
    }
    int end = start;
    while (end < lines.size() && lines.get(end).trim().startsWith("|")) {
      end++;
    }
    List<String> out = new ArrayList<>(lines.subList(0, start));
    out.addAll(table.lines().toList());
    out.addAll(lines.subList(end, lines.size()));
    return String.join("\n", out) + (markdown.endsWith("\n") ? "\n" : "");
  }

  /** Index of the first table line under the heading, or -1. */
  private static int tableStart(List<String> lines, String heading) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equalsIgnoreCase("## " + heading)) {
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("## "); j++) {
          if (lines.get(j).trim().startsWith("|")) {
            return j;
          }
        }
        return -1;
      }
    }
    return -1;
  }
}
