package io.aiops.catalog.accuracy.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A namespace's bars: the keys {@code min-<figure>} of the ConfigMap the accuracy-gate admission policy reads
 * ({@code accuracy-gate-params}), each the clause {@code <figure> >= value} (hyphens as underscores:
 * min-balanced-accuracy is {@code balanced_accuracy >= ...}). Other keys are ignored, as the policy ignores them. Read from a ConfigMap
 * mounted as a directory (one file per key), a ConfigMap manifest or a flat YAML map, or the ConfigMap's data read
 * from the API. A bar on a figure the gate does not annotate, a value that is not a number, or one finer than the
 * annotations' 6 significant digits (which the policy would then judge differently) is a usage error naming the key.
 */
public final class Bars {
  public static final String PREFIX = "min-";
  /** The annotations carry figures to 6 significant digits (Judgement.format): a finer bar could disagree. */
  static final int DIGITS = 6;
  private static final long MAX_BYTES = 64 * 1024;

  private Bars() {}

  /**
   * The clauses, by key in key order ({@code min-recall -> "recall >= 0.8"}).
   *
   * @param figures the result names the gate writes as annotations (recall, balanced-accuracy, ...)
   */
  public static Map<String, String> of(Map<String, String> data, String source, List<String> figures) {
    Map<String, String> clauses = new TreeMap<>();
    data.forEach((key, raw) -> {
      if (!key.startsWith(PREFIX)) {
        return;
      }
      String figure = key.substring(PREFIX.length());
      if (!figures.contains(figure)) {
        throw StepException.usage(source + ": " + key + " names no figure the gate writes for the admission "
            + "policy; bars are min-" + String.join(", min-", figures));
      }
      String value = raw == null ? "" : raw.trim();
      BigDecimal bar;
      try {
        bar = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw StepException.usage(source + ": " + key + " is '" + value + "', not a number (e.g. \"0.8\")");
      }
      if (bar.stripTrailingZeros().precision() > DIGITS) {
        throw StepException.usage(source + ": " + key + " is " + value + ", finer than the " + DIGITS
            + " significant digits of the figures the gate annotates: round it");
      }
      clauses.put(key, figure.replace('-', '_') + " >= " + bar.toPlainString());
    });
    return clauses;
  }

  /** The ConfigMap's data from a directory (as Tekton mounts a ConfigMap workspace) or a YAML file. */
  public static Map<String, String> read(Path source) {
    if (Files.isDirectory(source)) {
      return directory(source);
    }
    String text = InputFiles.readString("--bars", source, MAX_BYTES);
    JsonNode root;
    try {
      root = Json.yaml().readTree(text);
    } catch (IOException e) {
      throw StepException.usage("--bars " + source + " is not YAML: " + e.getMessage().lines().findFirst()
          .orElse(""));
    }
    JsonNode data = root != null && root.has("kind") ? root.path("data") : root;
    if (data == null || !data.isObject()) {
      throw StepException.usage("--bars " + source + " is neither a ConfigMap manifest with data nor a YAML map "
          + "of min-<figure>: value");
    }
    Map<String, String> values = new TreeMap<>();
    data.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isValueNode()
        ? e.getValue().asText() : e.getValue().toString()));
    return values;
  }

  /** One file per key; Kubernetes' own entries (..data, ..2026_12_02...) start with two dots and are skipped. */
  private static Map<String, String> directory(Path dir) {
    Map<String, String> values = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(PREFIX)) {
          values.put(name, InputFiles.readString("--bars", entry, MAX_BYTES));
        }
      }
    } catch (IOException e) {
      throw StepException.usage("cannot list --bars " + dir + " (" + InputFiles.reason(e) + ")");
    }
    return values;
  }
}
