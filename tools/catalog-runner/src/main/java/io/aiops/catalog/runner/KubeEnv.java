package io.aiops.catalog.runner;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' own expansion of {@code $(VAR)} in a container's command, args and env values: a variable the
 * container's env declares (earlier in the list, for env values) is replaced; {@code $$(VAR)} is a literal
 * {@code $(VAR)}; anything else is left as written (k8s.io/kubernetes third_party/forked/golang/expansion).
 */
final class KubeEnv {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern REF = Pattern.compile("\\$\\$\\(|\\$\\((" + NAME.pattern() + ")\\)");

  private KubeEnv() {}

  static String expand(String text, Map<String, String> env) {
    if (text == null) {
      return null;
    }
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(1) == null ? "$(" : env.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  static List<String> expand(List<String> texts, Map<String, String> env) {
    return texts.stream().map(t -> expand(t, env)).toList();
  }
}
