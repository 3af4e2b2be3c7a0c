package io.aiops.catalog.runner;

import io.aiops.catalog.step.StepException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tekton's {@code $(...)} variables, replaced the way the controller does: {@code params.x},
 * {@code workspaces.w.path}, {@code results.r.path}, {@code tasks.t.results.r}, {@code context.*}. An argument that
 * is exactly {@code $(params.x[*])} expands to the array's items.
 */
final class Substitution {
  private static final Pattern REF = Pattern.compile("\\$\\(([^()]+)\\)");
  private static final Pattern TASK_RESULT = Pattern.compile("\\$\\(tasks\\.([a-z0-9-]+)\\.results\\.([A-Za-z0-9_.-]+)\\)");
  private static final Pattern WHOLE_ARRAY = Pattern.compile("^\\$\\(params\\.([A-Za-z0-9_.-]+)\\[\\*]\\)$");

  private final Map<String, String> values;
  private final Map<String, List<String>> arrays;

  Substitution(Map<String, String> values, Map<String, List<String>> arrays) {
    this.values = values;
    this.arrays = arrays;
  }

  String apply(String text, String where) {
    if (text == null) {
      return null;
    }
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null && KubeEnv.NAME.matcher(m.group(1)).matches()) {
        value = m.group(); // $(VAR) is not Tekton's: Kubernetes expands it from the container's env
      }
      if (value == null) {
        throw StepException.usage(where + ": $(" + m.group(1) + ") is not defined here");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  List<String> applyAll(List<String> texts, String where) {
    List<String> out = new ArrayList<>();
    for (String t : texts == null ? List.<String>of() : texts) {
      Matcher whole = WHOLE_ARRAY.matcher(t);
      if (whole.matches() && arrays.containsKey(whole.group(1))) {
        out.addAll(arrays.get(whole.group(1)));
      } else {
        out.add(apply(t, where));
      }
    }
    return out;
  }

  /** The pipeline tasks whose results a text refers to. */
  static Set<String> referencedTasks(String text) {
    Set<String> tasks = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = TASK_RESULT.matcher(text);
      while (m.find()) {
        tasks.add(m.group(1));
      }
    }
    return tasks;
  }
}
