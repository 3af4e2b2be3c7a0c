package io.aiops.catalog.gpu.deadlock;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why the Deployment rolled out: the differences between the old and the new ReplicaSet's pod template, in the
 * terms a reader recognises (a container added, an annotation changed). TrustyAI's patch shows as a logger/agent.
 */
final class TemplateDiff {
  private TemplateDiff() {}

  static String likelyCause(PodTemplateSpec old, PodTemplateSpec now) {
    if (old == null || now == null) {
      return null;
    }
    List<String> diffs = new ArrayList<>();
    Map<String, Container> before = containers(old);
    Map<String, Container> after = containers(now);
    after.keySet().stream().filter(n -> !before.containsKey(n)).forEach(n -> diffs.add("container " + n + " added"));
    before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(n -> diffs.add("container " + n + " removed"));
    after.forEach((name, c) -> {
      Container was = before.get(name);
      if (was != null && !Objects.equals(was.getImage(), c.getImage())) {
        diffs.add("container " + name + " image " + was.getImage() + " -> " + c.getImage());
      } else if (was != null && !Objects.equals(was.getArgs(), c.getArgs())) {
        diffs.add("container " + name + " args changed");
      }
    });
    Map<String, String> a0 = annotations(old);
    Map<String, String> a1 = annotations(now);
    TreeSet<String> keys = new TreeSet<>(a0.keySet());
    keys.addAll(a1.keySet());
    for (String k : keys) {
      if (!a0.containsKey(k)) {
        diffs.add("annotation " + k + " added");
      } else if (!a1.containsKey(k)) {
        diffs.add("annotation " + k + " removed");
      } else if (!a0.get(k).equals(a1.get(k))) {
        diffs.add("annotation " + k + " changed");
      }
    }
    if (diffs.isEmpty()) {
      return null;
    }
    String joined = String.join("; ", diffs);
    String lower = joined.toLowerCase();
    return lower.contains("logger") || lower.contains("agent") || lower.contains("trustyai")
        ? "payload logging added to the InferenceService (TrustyAI): " + joined : joined;
  }

  private static Map<String, Container> containers(PodTemplateSpec t) {
    if (t.getSpec() == null || t.getSpec().getContainers() == null) {
      return Map.of();
    }
    return t.getSpec().getContainers().stream()
        .collect(Collectors.toMap(Container::getName, Function.identity(), (x, y) -> x, java.util.LinkedHashMap::new));
  }

  private static Map<String, String> annotations(PodTemplateSpec t) {
    return t.getMetadata() == null || t.getMetadata().getAnnotations() == null
        ? Map.of() : t.getMetadata().getAnnotations();
  }
}
