package io.aiops.catalog.accuracy.gate;

import io.aiops.catalog.accuracy.gate.Thresholds.Clause;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Each clause judged against the figures, with the values it saw, and the verdict they add up to. */
public record Judgement(Verdict verdict, List<Outcome> outcomes) {
  /** One clause: held, failed, or skipped for want of a baseline; {@code values} says what it saw. */
  public record Outcome(String clause, Status status, String values) {}

  public enum Status { HELD, FAILED, NO_BASELINE }

  private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

  /**
   * @param variables the CEL activation (figures, baseline.*, trivial.*, ci.*, slices, per_class)
   * @param hasBaseline whether --baseline-metrics was given
   * @param override the --override reason, or null
   */
  public static Judgement judge(Thresholds thresholds, Map<String, Object> variables, boolean hasBaseline,
      String override) {
    if (thresholds.isEmpty()) {
      return new Judgement(Verdict.NO_THRESHOLDS, List.of());
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Clause clause : thresholds.clauses()) {
      if (!hasBaseline && clause.references("baseline")) {
        outcomes.add(new Outcome(clause.text(), Status.NO_BASELINE, "no --baseline-metrics given"));
        continue;
      }
      boolean held = Thresholds.holds(clause, variables);
      outcomes.add(new Outcome(clause.text(), held ? Status.HELD : Status.FAILED, values(clause, variables)));
    }
    boolean failed = outcomes.stream().anyMatch(o -> o.status() == Status.FAILED);
    boolean noBaseline = outcomes.stream().anyMatch(o -> o.status() == Status.NO_BASELINE);
    Verdict verdict = failed ? (override != null ? Verdict.OVERRIDDEN : Verdict.FAIL)
        : noBaseline ? Verdict.NO_BASELINE : Verdict.PASS;
    return new Judgement(verdict, List.copyOf(outcomes));
  }

  public List<Outcome> failed() {
    return outcomes.stream().filter(o -> o.status() == Status.FAILED).toList();
  }

  /** "recall = 0.0, trivial.recall = 0.5"; for slices and per_class, the figures the clause names, per entry. */
  @SuppressWarnings("unchecked")
  static String values(Clause clause, Map<String, Object> variables) {
    List<String> parts = new ArrayList<>();
    for (String name : clause.references()) {
      Object value = variables.get(name);
      if (value instanceof Double d) {
        parts.add(name + " = " + format(d));
      } else if ("slices".equals(name) && value instanceof List<?> slices) {
        for (Object s : slices) {
          Map<String, Object> slice = (Map<String, Object>) s;
          parts.add("slice " + slice.get("name") + ": " + named(clause.text(), slice));
        }
      } else if ("per_class".equals(name) && value instanceof Map<?, ?> classes) {
        classes.forEach((label, figures) -> parts.add("class " + label + ": "
            + named(clause.text(), (Map<String, Object>) figures)));
      }
    }
    return String.join(", ", parts);
  }

  private static String named(String text, Map<String, Object> figures) {
    List<String> parts = new ArrayList<>();
    Matcher words = WORD.matcher(text);
    while (words.find()) {
      Object v = figures.get(words.group());
      String part = words.group() + " = " + (v instanceof Double d ? format(d) : v);
      if (v != null && !"name".equals(words.group()) && !parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join(" ", parts);
  }

  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    String s = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }
}
