package io.aiops.catalog.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.notebook.ParameterCell.Default;
import io.aiops.catalog.notebook.ParameterCell.Type;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Injects parameters the way papermill does: a code cell tagged {@code injected-parameters} right after the cell
 * tagged {@code parameters} (an earlier injected cell is replaced), recorded in {@code metadata.papermill}. Every value
 * is checked against the type of its default first, so a bad value stops the run before anything executes.
 */
final class ParameterInjector {
  static final String PARAMETERS = "parameters";
  static final String INJECTED = "injected-parameters";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INT = Pattern.compile("[-+]?\\d+");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
      "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
      "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
      "while", "with", "yield");

  /** One injected parameter: the raw text given, its Python literal, and the type it was checked against. */
  record Injected(String name, String raw, String literal, Type type) {}

  record Outcome(List<Injected> injected, int cellIndex, Integer parametersCell) {}

  private final StepLog log;

  ParameterInjector(StepLog log) {
    this.log = log;
  }

  /** Checks every value (exit 2 naming the first bad one) without touching the notebook. */
  List<Injected> check(Notebook nb, Map<String, String> values) {
    List<Integer> parameterCells = nb.tagged(PARAMETERS);
    Map<String, Default> defaults = parameterCells.isEmpty() ? Map.of()
        : ParameterCell.parse(Notebook.source(nb.cells().get(parameterCells.get(0))));
    List<Injected> injected = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      if (!IDENTIFIER.matcher(name).matches() || KEYWORDS.contains(name)) {
        throw StepException.usage("parameter name '" + name + "' is not a Python identifier");
      }
      Default d = defaults.get(name);
      if (d == null && !parameterCells.isEmpty()) {
        log.warn("parameter %s is not set in the notebook's parameters cell: injected as %s", name,
            inferred(e.getValue()).name().toLowerCase());
      }
      injected.add(typed(name, e.getValue(), d));
    }
    return injected;
  }

  Outcome inject(Notebook nb, List<Injected> injected) {
    ArrayNode cells = nb.cells();
    for (int i = cells.size() - 1; i >= 0; i--) {
      if (Notebook.hasTag(cells.get(i), INJECTED)) {
        cells.remove(i);
      }
    }
    List<Integer> parameterCells = nb.tagged(PARAMETERS);
    int at;
    Integer parametersCell = null;
    if (parameterCells.isEmpty()) {
      log.warn("notebook %s has no cell tagged '%s': the parameters are injected at the top, and their types "
          + "cannot be checked against defaults (tag the cell holding the defaults to fix this)", nb.path(), PARAMETERS);
      at = 0;
    } else {
      parametersCell = parameterCells.get(0);
      at = parametersCell + 1;
    }
    cells.insert(at, nb.codeCell(source(injected), INJECTED));
    record(nb, injected);
    return new Outcome(injected, at, parametersCell);
  }

  private static Injected typed(String name, String raw, Default d) {
    Type type = d == null ? Type.NONE : d.type();
    String v = raw.strip();
    String literal = switch (type) {
      case INT -> INT.matcher(v).matches() ? v.replaceFirst("^\\+", "") : null;
      case FLOAT -> NUMBER.matcher(v).matches() ? v.replaceFirst("^\\+", "") : null;
      case BOOL -> v.equalsIgnoreCase("true") ? "True" : v.equalsIgnoreCase("false") ? "False" : null;
      case STR -> pythonString(raw);
      case NONE, UNKNOWN -> literalOf(raw, inferred(raw));
    };
    if (literal == null) {
      throw StepException.usage(String.format("parameter %s: '%s' is not %s, the type of its default `%s` in the "
          + "notebook's parameters cell", name, raw, article(type), d.expression()));
    }
    return new Injected(name, raw, literal, type == Type.NONE || type == Type.UNKNOWN ? inferred(raw) : type);
  }

  /** papermill's rule for values without a typed default: True/False, an integer, a float, else a string. */
  static Type inferred(String raw) {
    String v = raw.strip();
    if (v.equals("True") || v.equals("False")) {
      return Type.BOOL;
    }
    if (v.equals("None")) {
      return Type.NONE;
    }
    if (INT.matcher(v).matches()) {
      return Type.INT;
    }
    return NUMBER.matcher(v).matches() ? Type.FLOAT : Type.STR;
  }

  private static String literalOf(String raw, Type type) {
    return type == Type.STR ? pythonString(raw) : raw.strip().replaceFirst("^\\+", "");
  }

  /** A JSON string is a valid Python string literal with the same value (Jackson escapes as Python expects). */
  static String pythonString(String value) {
    try {
      return Notebook.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String article(Type type) {
    return switch (type) {
      case INT -> "an integer";
      case FLOAT -> "a number";
      case BOOL -> "a boolean (true or false)";
      default -> "a " + type.name().toLowerCase();
    };
  }

  private static String source(List<Injected> injected) {
    StringBuilder s = new StringBuilder("# Parameters injected by notebook-train prepare\n");
    Map<String, String> env = new LinkedHashMap<>();
    for (Injected p : injected) {
      s.append(p.name()).append(" = ").append(p.literal()).append('\n');
      env.put(p.name(), p.raw());
    }
    if (!env.isEmpty()) {
      // notebooks that read os.getenv() (the seed's do) see the same values as the ones reading variables
      s.append("import os as _notebook_train_os\n")
          .append("_notebook_train_os.environ.update(").append(pythonDict(env)).append(")\n")
          .append("del _notebook_train_os\n");
    }
    return s.toString().stripTrailing();
  }

  private static String pythonDict(Map<String, String> env) {
    try {
      return Notebook.JSON.writeValueAsString(env);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void record(Notebook nb, List<Injected> injected) {
    ObjectNode papermill = nb.metadata().has("papermill") && nb.metadata().get("papermill").isObject()
        ? (ObjectNode) nb.metadata().get("papermill") : nb.metadata().putObject("papermill");
    ObjectNode params = papermill.putObject("parameters");
    ObjectNode env = papermill.putObject("environment_variables");
    for (Injected p : injected) {
      params.set(p.name(), jsonValue(p));
      env.put(p.name(), p.raw());
    }
    papermill.put("injected_by", "notebook-train prepare");
  }

  private static JsonNode jsonValue(Injected p) {
    return switch (p.type()) {
      case INT -> Notebook.JSON.getNodeFactory().numberNode(new java.math.BigInteger(p.literal()));
      case FLOAT -> Notebook.JSON.getNodeFactory().numberNode(new java.math.BigDecimal(p.literal()));
      case BOOL -> Notebook.JSON.getNodeFactory().booleanNode(p.literal().equals("True"));
      case NONE -> Notebook.JSON.getNodeFactory().nullNode();
      default -> Notebook.JSON.getNodeFactory().textNode(p.raw());
    };
  }
}
