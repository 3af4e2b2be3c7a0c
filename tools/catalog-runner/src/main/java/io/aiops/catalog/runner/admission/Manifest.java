package io.aiops.catalog.runner.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.yaml.TektonYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML document we ship, as the cluster reads it, with the line of every node so a finding names its line.
 * Documents embedded in a string (a ConfigMap's {@code taskrun.yaml} a CronJob creates) are manifests too, their
 * lines offset to where they sit in the file.
 */
public record Manifest(Path file, int index, JsonNode tree, Map<String, Integer> lines, String embeddedIn) {

  public String kind() {
    return tree.path("kind").asText();
  }

  public String apiVersion() {
    return tree.path("apiVersion").asText();
  }

  public String name() {
    String n = tree.path("metadata").path("name").asText();
    return n.isEmpty() ? tree.path("metadata").path("generateName").asText() : n;
  }

  public boolean isTekton() {
    return apiVersion().startsWith("tekton.dev/");
  }

  /** The line of the node at a JSON pointer, or of its nearest parent that has one. */
  public int line(String pointer) {
    for (String p = pointer; ; p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
    }
  }

  private static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  @Override
  public String toString() {
    return file.getFileName() + "#" + index + " (" + kind() + " " + name() + ")";
  }

  /** Every document of a file, and the Tekton runs embedded in its string values (ConfigMap data). */
  public static List<Manifest> load(Path file) {
    String text;
    try {
      text = java.nio.file.Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Manifest> out = new ArrayList<>();
    List<JsonNode> trees = TektonYaml.trees(file);
    List<Map<String, Integer>> lines = lines(text);
    for (int i = 0; i < trees.size(); i++) {
      Manifest m = new Manifest(file, i, trees.get(i), i < lines.size() ? lines.get(i) : Map.of(), null);
      out.add(m);
      out.addAll(embedded(m));
    }
    return out;
  }

  private static List<Manifest> embedded(Manifest m) {
    List<Manifest> out = new ArrayList<>();
    if (!m.kind().equals("ConfigMap")) {
      return out;
    }
    m.tree().path("data").fields().forEachRemaining(e -> {
      String value = e.getValue().asText();
      if (!value.contains("apiVersion:") || !value.contains("kind:")) {
        return;
      }
      String pointer = "/data/" + e.getKey();
      int offset = m.line(pointer); // a block scalar's text starts on the line after its key
      try {
        var parser = TektonYaml.YAML.getFactory().createParser(value);
        var it = TektonYaml.YAML.readValues(parser, JsonNode.class);
        List<Map<String, Integer>> inner = lines(value);
        int i = 0;
        while (it.hasNext()) {
          JsonNode doc = it.next();
          Map<String, Integer> shifted = new HashMap<>();
          if (i < inner.size()) {
            inner.get(i).forEach((k, v) -> shifted.put(k, v + offset));
          }
          out.add(new Manifest(m.file(), m.index(), doc, shifted, m + " " + pointer));
          i++;
        }
      } catch (IOException notYaml) {
        // a plain text value that merely mentions apiVersion: nothing the cluster would admit
      }
    });
    return out;
  }

  /** For each document: JSON pointer -> line of the node (1-based). */
  static List<Map<String, Integer>> lines(String yaml) {
    List<Map<String, Integer>> docs = new ArrayList<>();
    try (JsonParser p = TektonYaml.YAML.getFactory().createParser(yaml)) {
      Map<String, Integer> current = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isStructStart() && p.getParsingContext().getParent().inRoot()) {
          current = new HashMap<>();
          docs.add(current);
        }
        if (current == null || t.isStructEnd()) {
          continue;
        }
        // a field's line is its key's; an array element's is where it starts
        JsonPointer ptr = p.getParsingContext().pathAsPointer();
        if (t.isStructStart() && p.getParsingContext().getParent() != null) {
          ptr = p.getParsingContext().getParent().pathAsPointer();
        }
        current.putIfAbsent(ptr.toString(), p.currentTokenLocation().getLineNr());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }
}
