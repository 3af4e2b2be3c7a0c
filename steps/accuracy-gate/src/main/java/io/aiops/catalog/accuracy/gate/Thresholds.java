package io.aiops.catalog.accuracy.gate;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.aiops.catalog.accuracy.metrics.Figures;
import io.aiops.catalog.step.StepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gate's thresholds: CEL expressions over the figures, parsed and type-checked when the step starts (before
 * any data is read), then split into their top-level {@code &&} clauses so that a failure names each clause that
 * failed. Figures are doubles; {@code baseline.recall}, {@code trivial.f1}, {@code trivial.majority.f1},
 * {@code ci.recall.low} are declared one by one, so a misspelt figure is a type error with its position.
 */
public final class Thresholds {
  /** A clause and what it references (variable names and qualified names like baseline.recall). */
  public record Clause(String text, CelAbstractSyntaxTree ast, Set<String> references) {
    public boolean references(String prefix) {
      return references.stream().anyMatch(r -> r.equals(prefix) || r.startsWith(prefix + "."));
    }
  }

  private static final Cel CEL = build();
  private final List<Clause> clauses;

  private Thresholds(List<Clause> clauses) {
    this.clauses = clauses;
  }

  private static Cel build() {
    // figures are doubles, but people write 'mcc > 0' and 'recall >= 1': let ints compare with doubles
    var builder = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build());
    for (String name : Figures.NAMES) {
      builder.addVar(name, SimpleType.DOUBLE);
      builder.addVar("baseline." + name, SimpleType.DOUBLE);
      builder.addVar("trivial." + name, SimpleType.DOUBLE);
      builder.addVar("trivial.majority." + name, SimpleType.DOUBLE);
      builder.addVar("trivial.stratified." + name, SimpleType.DOUBLE);
    }
    for (String name : Figures.RATIOS) {
      builder.addVar("ci." + name + ".low", SimpleType.DOUBLE);
      builder.addVar("ci." + name + ".high", SimpleType.DOUBLE);
    }
    CelType figures = MapType.create(SimpleType.STRING, SimpleType.DYN);
    builder.addVar("slices", ListType.create(figures));
    builder.addVar("per_class", MapType.create(SimpleType.STRING, figures));
    return builder.build();
  }

  /** Parses and type-checks every expression; a mistake is a usage error naming the line and column. */
  public static Thresholds parse(List<String> expressions) {
    return parse(expressions, Map.of());
  }

  /**
   * The expressions and the bars ({@link Bars#of}: key -> clause), ANDed; a bar's clause is shown as
   * {@code min-recall: recall >= 0.8}, so a failure names the bar it broke.
   */
  public static Thresholds parse(List<String> expressions, Map<String, String> bars) {
    List<Clause> clauses = new ArrayList<>();
    bars.forEach((key, text) -> {
      Clause clause = compile(text, key + ": " + text);
      clauses.add(new Clause(key + ": " + clause.text(), clause.ast(), clause.references()));
    });
    for (String expression : expressions) {
      if (expression == null || expression.isBlank()) {
        continue;
      }
      compile(expression, expression);
      for (String part : ClauseSplitter.split(expression)) {
        clauses.add(compile(part, expression));
      }
    }
    return new Thresholds(List.copyOf(clauses));
  }

  private static Clause compile(String text, String whole) {
    CelValidationResult result = CEL.compile(text);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      var at = first.getSourceLocation();
      throw StepException.usage(String.format("threshold '%s': %s at line %d, column %d%s", whole,
          first.getMessage(), at.getLine(), at.getColumn() + 1, hint(first.getMessage())));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (CelValidationException e) {
      throw StepException.usage("threshold '" + whole + "': " + e.getMessage());
    }
    if (!ast.getResultType().equals(SimpleType.BOOL)) {
      // the hint must itself type-check: '<list> >= 0.8' would be one more error
      String suggestion = text.trim() + " >= 0.8";
      CelValidationResult hinted = CEL.compile(suggestion);
      boolean usable = !hinted.hasError();
      try {
        usable = usable && hinted.getAst().getResultType().equals(SimpleType.BOOL);
      } catch (CelValidationException e) {
        usable = false;
      }
      throw StepException.usage(String.format("threshold '%s' is a %s, not a condition: %s", text,
          ast.getResultType().name(), usable ? "compare it, e.g. '" + suggestion + "'"
              : "write a comparison over a figure, e.g. 'accuracy >= 0.8' or 'per_class[\"1\"].recall >= 0.7'"));
    }
    Set<String> references = new TreeSet<>();
    ast.getReferenceMap().values().forEach(r -> {
      if (!r.name().isEmpty()) {
        references.add(r.name());
      }
    });
    return new Clause(text.trim(), ast, references);
  }

  private static String hint(String message) {
    return message.contains("undeclared reference")
        ? "; figures are " + String.join(", ", Figures.NAMES) + ", also as baseline.<figure>, trivial.<figure>, "
            + "ci.<figure>.low/high, slices and per_class"
        : "";
  }

  public List<Clause> clauses() {
    return clauses;
  }

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  public boolean references(String prefix) {
    return clauses.stream().anyMatch(c -> c.references(prefix));
  }

  /** Evaluates one clause; an evaluation error (a per_class key that does not exist) is a usage error. */
  public static boolean holds(Clause clause, Map<String, Object> variables) {
    try {
      Object value = CEL.createProgram(clause.ast()).eval(variables);
      return Boolean.TRUE.equals(value);
    } catch (CelEvaluationException e) {
      throw StepException.usage("threshold clause '" + clause.text() + "' cannot be evaluated: " + e.getMessage());
    }
  }
}
