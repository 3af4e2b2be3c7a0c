package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.accuracy.metrics.Bootstrap.Interval;
import io.aiops.catalog.accuracy.metrics.Figures;
import io.aiops.catalog.accuracy.metrics.Scorecard;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CEL activation: the figures by name, and baseline.*, trivial.*, ci.*, slices and per_class. */
final class GateVariables {
  private static final ObjectMapper JSON = Json.mapper();

  private GateVariables() {}

  static Map<String, Object> of(Scorecard card, Map<String, Double> baseline, Map<String, Interval> ci) {
    Map<String, Object> v = new HashMap<>();
    v.putAll(card.figures());
    for (String name : Figures.NAMES) {
      v.put("baseline." + name, baseline.getOrDefault(name, Double.NaN));
    }
    card.trivialBest().forEach((name, value) -> v.put("trivial." + name, value));
    card.majority().forEach((name, value) -> v.put("trivial.majority." + name, value));
    card.stratified().forEach((name, value) -> v.put("trivial.stratified." + name, value));
    for (String name : Figures.RATIOS) {
      Interval interval = ci.getOrDefault(name, new Interval(Double.NaN, Double.NaN));
      v.put("ci." + name + ".low", interval.low());
      v.put("ci." + name + ".high", interval.high());
    }
    List<Map<String, Object>> slices = new ArrayList<>();
    card.slices().forEach((name, figures) -> {
      Map<String, Object> slice = new LinkedHashMap<>(figures);
      slice.put("name", name);
      slices.add(slice);
    });
    v.put("slices", slices);
    Map<String, Map<String, Object>> perClass = new LinkedHashMap<>();
    for (int i = 0; i < card.labels().size(); i++) {
      var c = card.perClass()[i];
      perClass.put(card.labels().get(i), Map.of("precision", c.precision(), "recall", c.recall(), "f1", c.f1(),
          "support", c.support()));
    }
    v.put("per_class", perClass);
    return v;
  }

  /** The production model's figures from its metrics.json ("figures" object, or numbers at the top level). */
  static Map<String, Double> baseline(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(InputFiles.readBytes("baseline metrics", file));
    } catch (IOException e) {
      throw StepException.usage("baseline metrics " + file + " is not valid JSON: " + e.getMessage().lines()
          .findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw StepException.usage(file + " is not a JSON object of figures (an accuracy-gate metrics.json)");
    }
    JsonNode figures = root.has("figures") ? root.get("figures") : root;
    Map<String, Double> values = new HashMap<>();
    for (String name : Figures.NAMES) {
      JsonNode value = figures.get(name);
      if (value != null && value.isNumber()) {
        values.put(name, value.asDouble());
      }
    }
    if (values.isEmpty()) {
      throw StepException.usage(file + " holds none of the figures " + Figures.NAMES);
    }
    return values;
  }
}
