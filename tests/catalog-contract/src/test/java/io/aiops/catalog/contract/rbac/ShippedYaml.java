package io.aiops.catalog.contract.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every document we ship under tekton/, samples included, and the documents shipped inside others: the TaskRun or
 * PipelineRun a CronJob's ConfigMap holds, a TriggerTemplate's resource templates.
 */
public final class ShippedYaml {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One document; {@code within} names the document that carries it ("ConfigMap x, key y"), or is empty. */
  public record Document(Path file, String within, JsonNode tree) {
    public String kind() {
      return tree.path("kind").asText();
    }

    public String name() {
      String name = tree.path("metadata").path("name").asText();
      return name.isEmpty() ? tree.path("metadata").path("generateName").asText() : name;
    }

    public String where() {
      return file + (within.isEmpty() ? "" : " (" + within + ")");
    }
  }

  private ShippedYaml() {}

  public static List<Document> under(Path tekton) {
    List<Document> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tekton)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")
          || f.getFileName().toString().equals("README.md")).sorted().toList()) {
        if (f.getFileName().toString().equals("README.md")) {
          // the bindings a README documents as commands (Grants.DOCUMENTED_BINDING) are shipped RBAC too
          docs.add(new Document(f, "", YAML.createObjectNode().put("kind", "README")
              .put("text", Files.readString(f))));
          continue;
        }
        for (JsonNode tree : read(Files.readString(f))) {
          docs.add(new Document(f, "", tree));
          docs.addAll(carried(f, tree));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  private static List<Document> carried(Path file, JsonNode tree) throws IOException {
    List<Document> docs = new ArrayList<>();
    String kind = tree.path("kind").asText();
    if (kind.equals("ConfigMap")) {
      var fields = tree.path("data").fields();
      while (fields.hasNext()) {
        var e = fields.next();
        if (e.getKey().endsWith(".yaml") || e.getKey().endsWith(".yml")) {
          for (JsonNode inner : read(e.getValue().asText())) {
            docs.add(new Document(file, "ConfigMap " + tree.path("metadata").path("name").asText() + ", "
                + e.getKey(), inner));
          }
        }
      }
    } else if (kind.equals("TriggerTemplate")) {
      for (JsonNode inner : tree.path("spec").path("resourcetemplates")) {
        docs.add(new Document(file, "TriggerTemplate " + tree.path("metadata").path("name").asText(), inner));
      }
    }
    return docs;
  }

  private static List<JsonNode> read(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && n.isObject()) {
          out.add(n);
        }
      }
    }
    return out;
  }
}
