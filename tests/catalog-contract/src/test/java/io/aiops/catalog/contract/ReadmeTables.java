package io.aiops.catalog.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Workspaces, Parameters and Results tables of a Task or Pipeline README, as name -> default. */
final class ReadmeTables {
  static final String REQUIRED = "(required)";

  private ReadmeTables() {}

  /** Rows of the first table under {@code ## <heading>}: first column (name) -> third column (default) or "". */
  static Map<String, String> table(String markdown, String heading) {
    Map<String, String> rows = new LinkedHashMap<>();
    List<String> lines = markdown.lines().toList();
    int i = 0;
    while (i < lines.size() && !lines.get(i).trim().equalsIgnoreCase("## " + heading)) {
      i++;
    }
    if (i == lines.size()) {
      return null;
    }
    boolean inTable = false;
    int row = 0;
    for (i++; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      if (row++ < 2) {
        continue; // header and separator
      }
      List<String> cells = cells(line);
      String name = unquote(cells.get(0));
      rows.put(name, cells.size() > 2 ? unquote(cells.get(2)) : "");
    }
    return rows;
  }

  /** How a default is written in a README cell: {@code `value`}, {@code `""`} or {@code (required)}. */
  static String unquote(String cell) {
    String c = cell.trim();
    if (c.startsWith("`") && c.endsWith("`") && c.length() >= 2) {
      c = c.substring(1, c.length() - 1);
    }
    return c.equals("\"\"") ? "" : c;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    for (int i = 0; i < inner.length(); i++) {
      char ch = inner.charAt(i);
      if (ch == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (ch == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }
}
