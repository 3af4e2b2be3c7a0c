package io.aiops.catalog.notebook;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The PromQL queries of one model, one CSV column each: from a YAML file ({@code queries: [{name, query}]}) or a
 * preset shipped with the step.
 */
record QuerySet(String source, List<Query> queries) {
  static final List<String> PRESETS = List.of("anomaly-detector", "predictive-analytics");
  private static final ObjectMapper YAML = Json.yaml();
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  record Query(String name, String promql) {
    @Override
    public String toString() {
      return name + " (" + promql + ")";
    }
  }

  List<String> names() {
    return queries.stream().map(Query::name).toList();
  }

  static QuerySet fromFile(Path file) {
    try (InputStream in = new java.io.ByteArrayInputStream(InputFiles.readBytes("queries file", file))) {
      return parse(file.toString(), in);
    } catch (IOException e) {
      throw StepException.usage("cannot read queries file " + file + ": " + e.getMessage());
    }
  }

  static QuerySet preset(String name) {
    if (!PRESETS.contains(name)) {
      throw StepException.usage("there is no query preset '" + name + "' (presets: " + String.join(", ", PRESETS)
          + "); give a YAML file with --queries");
    }
    try (InputStream in = QuerySet.class.getResourceAsStream("/presets/" + name + ".yaml")) {
      return parse("preset " + name, in);
    } catch (IOException e) {
      throw new IllegalStateException("preset " + name + " is missing from the step", e);
    }
  }

  private static QuerySet parse(String source, InputStream in) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw StepException.usage("queries file " + source + " is not YAML: " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("queries");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw StepException.usage("queries file " + source + " has no 'queries:' list of {name, query}");
    }
    List<Query> queries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode q = list.get(i);
      String name = q.path("name").asText("");
      String promql = q.path("query").asText("");
      if (!COLUMN.matcher(name).matches()) {
        throw StepException.usage(String.format("queries file %s, query %d: name '%s' must be a column name "
            + "(letters, digits, _ . -)", source, i, name));
      }
      if (promql.isBlank()) {
        throw StepException.usage(String.format("queries file %s, query %s: 'query' is empty", source, name));
      }
      if (!seen.add(name)) {
        throw StepException.usage(String.format("queries file %s: the name %s is used twice", source, name));
      }
      queries.add(new Query(name, promql.strip()));
    }
    return new QuerySet(source, List.copyOf(queries));
  }
}
