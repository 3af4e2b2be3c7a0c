package io.aiops.catalog.runner.yaml;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.triggers.v1beta1.TriggerResourceTemplate;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8 models keep fields they do not know in additionalProperties instead of failing: a typo such as
 * {@code stepz:} or {@code computeResource:} would parse silently. This walks a parsed model and names every such
 * field, so parsing is strict.
 */
public final class StrictModel {
  /**
   * Tekton v1 fields that tekton-model 7.1.0 lacks: remote resolution on taskRef/pipelineRef (resolver, params).
   * Only these names are let through, and only on these types.
   */
  private static final Map<String, Set<String>> MODEL_GAPS = Map.of(
      "io.fabric8.tekton.v1.TaskRef", Set.of("resolver", "params"),
      "io.fabric8.tekton.v1.PipelineRef", Set.of("resolver", "params"));

  private StrictModel() {}

  public static List<String> unknownFields(Object model) {
    List<String> found = new ArrayList<>();
    walk(model, "", found);
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node == null || node instanceof GenericKubernetesResource) {
      return;
    }
    if (node instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        walk(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Class<?> type = getter.getReturnType();
      boolean worthWalking = type.getName().startsWith("io.fabric8.") || Collection.class.isAssignableFrom(type)
          || Map.class.isAssignableFrom(type) || type == Object.class;
      if (!worthWalking) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          if (node instanceof TriggerResourceTemplate) {
            embedded(extra, path, found);
            continue;
          }
          Set<Object> unknown = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
          unknown.addAll(extra.keySet());
          unknown.removeAll(MODEL_GAPS.getOrDefault(node.getClass().getName(), Set.of()));
          if (!unknown.isEmpty()) {
            found.add((path.isEmpty() ? "" : path + ": ") + "unknown field(s) " + unknown);
          }
        }
        continue;
      }
      walk(value, path + "." + field(getter.getName()), found);
    }
  }

  /** A TriggerTemplate's resource template is a whole object of its own: parsed, and checked, as one. */
  private static void embedded(Map<?, ?> resource, String path, List<String> found) {
    try {
      Object model = TektonYaml.model(Serialization.jsonMapper().valueToTree(resource));
      for (String problem : unknownFields(model)) {
        found.add(path + problem);
      }
    } catch (IllegalArgumentException e) {
      found.add(path + ": " + e.getMessage());
    }
  }

  private static String field(String getter) {
    String f = getter.substring(3);
    return f.isEmpty() ? f : Character.toLowerCase(f.charAt(0)) + f.substring(1);
  }
}
