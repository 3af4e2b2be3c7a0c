package io.aiops.catalog.accuracy.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class labels seen so far, each given a small index in order of appearance. Labels are compared as text after
 * one normalisation: an integral number written as a decimal ("1.0") is the integer ("1"), because a model's
 * output and the dataset's label column often disagree on that alone.
 */
public final class Labels {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  public int indexOf(String label) {
    Integer known = index.get(label);
    if (known != null) {
      return known;
    }
    String normal = normalise(label);
    known = index.get(normal);
    if (known == null) {
      known = names.size();
      names.add(normal);
      index.put(normal, known);
    }
    index.put(label, known);
    return known;
  }

  public int size() {
    return names.size();
  }

  public String name(int i) {
    return names.get(i);
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public static String normalise(String label) {
    String t = label.trim();
    int dot = t.indexOf('.');
    if (dot > 0 && t.chars().skip(dot + 1).allMatch(c -> c == '0') && t.length() > dot + 1
        && t.substring(0, dot).matches("-?\\d+")) {
      return t.substring(0, dot);
    }
    return t;
  }
}
