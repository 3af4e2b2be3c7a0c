package io.aiops.catalog.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.step.StepException;
import io.fabric8.tekton.v1.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pipeline's params for one run: defaults, then presets (each may extend others, applied base first), then
 * {@code -p name=value}. Unknown or missing params are named before anything runs.
 */
record RunParams(Map<String, String> values, List<String> presetsApplied) {

  static RunParams resolve(List<ParamSpec> declared, Path presetsFile, List<String> presets,
      Map<String, String> given) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (ParamSpec p : Objects.requireNonNullElse(declared, List.<ParamSpec>of())) {
      names.add(p.getName());
      if (p.getDefault() != null) {
        values.put(p.getName(), Objects.requireNonNullElse(p.getDefault().getStringVal(), ""));
      }
    }
    List<String> applied = new ArrayList<>();
    if (!presets.isEmpty()) {
      JsonNode all = readPresets(presetsFile);
      for (String preset : presets) {
        apply(all, preset, presetsFile, values, applied, new LinkedHashSet<>());
      }
    }
    values.putAll(given);
    for (String name : values.keySet()) {
      if (!names.contains(name)) {
        throw StepException.usage("the pipeline has no param '" + name + "' (it has " + names + ")");
      }
    }
    List<String> missing = names.stream().filter(n -> !values.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw StepException.usage("missing required param(s) " + missing + ": give -p NAME=VALUE");
    }
    return new RunParams(values, applied);
  }

  private static void apply(JsonNode all, String preset, Path file, Map<String, String> values, List<String> applied,
      Set<String> visiting) {
    JsonNode node = all.path("presets").path(preset);
    if (node.isMissingNode()) {
      throw StepException.usage("no preset '" + preset + "' in " + file);
    }
    if (!visiting.add(preset)) {
      throw StepException.usage("preset '" + preset + "' extends itself (through " + visiting + ") in " + file);
    }
    JsonNode base = node.path("extends");
    for (JsonNode b : base.isArray() ? base : List.of(base)) {
      if (b.isTextual() && !applied.contains(b.asText())) {
        apply(all, b.asText(), file, values, applied, visiting);
      }
    }
    node.path("params").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    applied.add(preset);
    visiting.remove(preset);
  }

  private static JsonNode readPresets(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      throw StepException.usage("--preset given but no presets file at " + file + ": give --presets FILE");
    }
    try {
      return TektonYaml.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw StepException.usage("cannot read presets " + file + ": " + e.getMessage());
    }
  }
}
