package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The feature list the model was trained on, against the dataset's feature columns. In the fraud demo the Train
 * and Wrapper cells silently disagreed on it: the model then scores shuffled inputs and no figure says why. So a
 * mismatch (missing, extra or reordered columns) fails the gate before anything is scored.
 */
final class FeatureSchema {
  private static final ObjectMapper JSON = Json.mapper();
  private static final List<String> KEYS = List.of("features", "feature_names", "feature_names_in_");

  private FeatureSchema() {}

  /** The expected features: --features, else the model metadata file's list, else none (no check). */
  static List<String> expected(List<String> features, Path metadata) {
    if (features != null && !features.isEmpty()) {
      return features;
    }
    if (metadata == null) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(InputFiles.readBytes("model metadata", metadata));
    } catch (IOException e) {
      throw StepException.usage("model metadata " + metadata + " is not valid JSON: " + e.getMessage().lines()
          .findFirst().orElse(""));
    }
    for (String key : KEYS) {
      JsonNode list = root == null ? null : root.get(key);
      if (list != null && list.isArray()) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
      }
    }
    throw StepException.usage(metadata + " has no feature list: expected an array under one of " + KEYS);
  }

  /** The data file's feature columns: every column but the label, prediction, score, slice and ignored ones. */
  static List<String> actual(List<String> columns, Collection<String> notFeatures) {
    return columns.stream().filter(c -> !notFeatures.contains(c)).toList();
  }

  /** Exit 3, naming the difference, unless the dataset's features are the expected ones in the same order. */
  static void check(List<String> expected, List<String> actual, String source) {
    if (expected.isEmpty() || expected.equals(actual)) {
      return;
    }
    List<String> missing = expected.stream().filter(f -> !actual.contains(f)).toList();
    List<String> extra = actual.stream().filter(f -> !expected.contains(f)).toList();
    StringBuilder why = new StringBuilder();
    if (!missing.isEmpty()) {
      why.append("; missing from the data: ").append(missing);
    }
    if (!extra.isEmpty()) {
      why.append("; in the data but not in the model's features: ").append(extra);
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      for (int i = 0; i < expected.size(); i++) {
        if (!expected.get(i).equals(actual.get(i))) {
          why.append(String.format("; same columns in another order: position %d is '%s' in the data, '%s' for "
              + "the model", i + 1, actual.get(i), expected.get(i)));
          break;
        }
      }
    }
    throw StepException.checkFailed("feature schema mismatch between the model and " + source + why
        + " (nothing was scored; fix the training or serving feature list, or list non-features in "
        + "--ignore-columns)");
  }
}
