package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Input rows for the model, read from the user's sample (CSV with or without a header, or JSON: an array of rows,
 * {"instances": [...]}, or an array of objects), or made from the model's v2 metadata. The width always comes
 * from one of those, never from a constant here.
 */
record SampleData(List<ArrayNode> rows, String source) {
  private static final ObjectMapper JSON = Json.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  int width() {
    return rows.get(0).size();
  }

  static SampleData read(Path file) {
    List<JsonNode> values = readValues(file, "--sample");
    List<ArrayNode> rows = new ArrayList<>();
    for (JsonNode v : values) {
      if (v.isArray()) {
        rows.add((ArrayNode) v);
      } else if (v.isObject()) {
        ArrayNode row = NODES.arrayNode();
        v.elements().forEachRemaining(row::add);
        rows.add(row);
      } else {
        throw StepException.usage("--sample " + file + ": each row must be a list of feature values, got " + v);
      }
    }
    if (rows.isEmpty()) {
      throw StepException.usage("--sample " + file + " holds no rows");
    }
    int width = rows.get(0).size();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != width) {
        throw StepException.usage(String.format("--sample %s: row %d has %d values, row 1 has %d", file, i + 1,
            rows.get(i).size(), width));
      }
    }
    return new SampleData(rows, file.toString());
  }

  /** One row of the width the model declares, so a model without a sample can still be called. */
  static SampleData fromMetadata(int width, String datatype) {
    ArrayNode row = NODES.arrayNode();
    boolean integral = datatype != null && (datatype.startsWith("INT") || datatype.startsWith("UINT"));
    for (int i = 0; i < width; i++) {
      row.add(integral ? NODES.numberNode(1) : NODES.numberNode(0.5));
    }
    return new SampleData(List.of(row), "the model's v2 metadata (" + width + " x " + datatype + ")");
  }

  /** Expected predictions, one per sample row: a JSON array, or one value (or CSV row) a line. */
  static List<JsonNode> readExpected(Path file) {
    return readValues(file, "--expect").stream().map(v -> v.isArray() && v.size() == 1 ? v.get(0) : v).toList();
  }

  private static List<JsonNode> readValues(Path file, String option) {
    String text = InputFiles.readString(option, file);
    String trimmed = text.strip();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        JsonNode root = JSON.readTree(trimmed);
        JsonNode list = root.isObject() && root.has("instances") ? root.get("instances")
            : root.isObject() && root.has("predictions") ? root.get("predictions") : root;
        if (!list.isArray()) {
          throw StepException.usage(option + " " + file + ": expected a JSON array of rows");
        }
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
      } catch (IOException e) {
        throw StepException.usage(option + " " + file + " is not valid JSON: " + e.getMessage());
      }
    }
    return csv(trimmed);
  }

  private static List<JsonNode> csv(String text) {
    List<JsonNode> out = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      ArrayNode row = NODES.arrayNode();
      boolean allText = true;
      for (String cell : lines[i].split(",", -1)) {
        JsonNode v = cell(cell.strip());
        allText &= v.isTextual();
        row.add(v);
      }
      if (i == 0 && allText) {
        continue; // a header
      }
      out.add(row);
    }
    return out;
  }

  private static JsonNode cell(String s) {
    try {
      return s.contains(".") || s.contains("e") || s.contains("E") ? NODES.numberNode(Double.parseDouble(s))
          : NODES.numberNode(Long.parseLong(s));
    } catch (NumberFormatException notANumber) {
      return NODES.textNode(s.length() > 1 && s.startsWith("\"") && s.endsWith("\"")
          ? s.substring(1, s.length() - 1) : s);
    }
  }
}
