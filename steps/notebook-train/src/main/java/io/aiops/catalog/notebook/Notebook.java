package io.aiops.catalog.notebook;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An nbformat 4 notebook as a Jackson tree: checked on load (what is wrong and where), edited cell by cell, written
 * back through a temp file. Fields this class does not know are kept as they were.
 */
final class Notebook {
  static final ObjectMapper JSON = Json.mapper();
  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

  private final Path path;
  private final ObjectNode root;

  private Notebook(Path path, ObjectNode root) {
    this.path = path;
    this.root = root;
  }

  static Notebook read(Path path) {
    byte[] bytes = InputFiles.readBytes("notebook", path);
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw StepException.usage(String.format("notebook %s is not JSON (line %d, column %d): %s", path,
          loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
          e.getOriginalMessage().replaceAll("\\[Source: [^]]*]; ", "")));
    } catch (IOException e) {
      throw StepException.usage("cannot read notebook " + path + ": " + e.getMessage());
    }
    return new Notebook(path, check(path, tree));
  }

  /** The structure nbformat 4 requires of what this step reads and writes; anything else is left alone. */
  private static ObjectNode check(Path path, JsonNode tree) {
    if (!(tree instanceof ObjectNode nb)) {
      throw malformed(path, "the top level is not a JSON object");
    }
    JsonNode major = nb.get("nbformat");
    if (major == null || !major.isInt()) {
      throw malformed(path, "\"nbformat\" is missing or not an integer");
    }
    if (major.asInt() != 4) {
      throw malformed(path, "nbformat " + major.asInt() + " is not supported: convert it with "
          + "`jupyter nbconvert --to notebook --nbformat 4`");
    }
    if (nb.get("nbformat_minor") == null || !nb.get("nbformat_minor").isInt()) {
      throw malformed(path, "\"nbformat_minor\" is missing or not an integer");
    }
    if (nb.has("metadata") && !nb.get("metadata").isObject()) {
      throw malformed(path, "\"metadata\" is not an object");
    }
    if (!(nb.get("cells") instanceof ArrayNode cells)) {
      throw malformed(path, "\"cells\" is missing or not an array");
    }
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      String where = "cell " + i;
      if (!cell.isObject()) {
        throw malformed(path, where + " is not an object");
      }
      String type = cell.path("cell_type").asText(null);
      if (type == null || !CELL_TYPES.contains(type)) {
        throw malformed(path, where + " has cell_type " + cell.get("cell_type") + " (expected code, markdown or raw)");
      }
      JsonNode source = cell.get("source");
      if (source == null || !(source.isTextual() || source.isArray() && allText(source))) {
        throw malformed(path, where + " has a \"source\" that is neither a string nor a list of strings");
      }
      if (cell.has("metadata") && !cell.get("metadata").isObject()) {
        throw malformed(path, where + " has a \"metadata\" that is not an object");
      }
      JsonNode tags = cell.path("metadata").get("tags");
      if (tags != null && !(tags.isArray() && allText(tags))) {
        throw malformed(path, where + " has metadata.tags that is not a list of strings");
      }
      if ("code".equals(type) && cell.has("outputs") && !cell.get("outputs").isArray()) {
        throw malformed(path, where + " has \"outputs\" that is not an array");
      }
    }
    return nb;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static StepException malformed(Path path, String what) {
    return StepException.usage("notebook " + path + " is not a valid nbformat 4 notebook: " + what);
  }

  Path path() {
    return path;
  }

  ObjectNode root() {
    return root;
  }

  ArrayNode cells() {
    return (ArrayNode) root.get("cells");
  }

  ObjectNode metadata() {
    if (!root.has("metadata")) {
      root.putObject("metadata");
    }
    return (ObjectNode) root.get("metadata");
  }

  static String source(JsonNode cell) {
    JsonNode s = cell.get("source");
    if (s.isTextual()) {
      return s.asText();
    }
    StringBuilder text = new StringBuilder();
    s.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  static boolean hasTag(JsonNode cell, String tag) {
    for (JsonNode t : cell.path("metadata").path("tags")) {
      if (t.asText().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Indexes of the cells carrying a tag, in notebook order. */
  List<Integer> tagged(String tag) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < cells().size(); i++) {
      if (hasTag(cells().get(i), tag)) {
        found.add(i);
      }
    }
    return found;
  }

  /** A new code cell in the shape Jupyter writes (source as a list of lines; an id from nbformat 4.5 on). */
  ObjectNode codeCell(String source, String... tags) {
    ObjectNode cell = JSON.createObjectNode();
    if (root.get("nbformat_minor").asInt() >= 5) {
      cell.put("id", java.util.UUID.randomUUID().toString());
    }
    cell.put("cell_type", "code");
    cell.putNull("execution_count");
    ArrayNode tagList = cell.putObject("metadata").putArray("tags");
    for (String t : tags) {
      tagList.add(t);
    }
    cell.putArray("outputs");
    ArrayNode lines = cell.putArray("source");
    for (String line : source.split("(?<=\n)")) {
      lines.add(line);
    }
    return cell;
  }

  void write(Path target) {
    try {
      // nbformat writes one-space indentation and a trailing newline; keeping that keeps diffs small
      String text = JSON.writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
          .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter(" ", "\n")))
          .writeValueAsString(root);
      AtomicFiles.write(target, text + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise notebook: " + e.getMessage(), e);
    }
  }
}
