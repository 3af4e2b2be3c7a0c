package io.aiops.catalog.runner.yaml;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8 models keep fields they do not know in additionalProperties instead of failing: a typo such as
 * {@code stepz:} or {@code computeResource:} would parse silently. This walks a parsed model and names every such
 * field, so parsing is strict.
 */
public final class StrictModel {
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
          found.add((path.isEmpty() ? "" : path + ": ") + "unknown field(s) " + extra.keySet());
        }
        continue;
      }
      walk(value, path + "." + field(getter.getName()), found);
    }
  }

  private static String field(String getter) {
    String f = getter.substring(3);
    return f.isEmpty() ? f : Character.toLowerCase(f.charAt(0)) + f.substring(1);
  }
}
