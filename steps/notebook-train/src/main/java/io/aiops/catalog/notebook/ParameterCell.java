package io.aiops.catalog.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The defaults of a notebook's {@code parameters} cell and their types, read the way papermill reads them: one
 * top-level {@code NAME = value} (or {@code NAME: type = value}) per line, comments and other statements ignored.
 */
final class ParameterCell {
  enum Type { INT, FLOAT, BOOL, STR, NONE, UNKNOWN }

  record Default(String name, Type type, String expression) {}

  private static final Pattern ASSIGNMENT =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*(?::\\s*([A-Za-z_][\\w.\\[\\], ]*?))?\\s*=(?!=)\\s*(.*)$");
  private static final Pattern INT = Pattern.compile("[-+]?\\d+(?:_\\d+)*");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+(?:\\.\\d*)?[eE][-+]?\\d+)");
  private static final Pattern STRING = Pattern.compile("(?:[rRuU])?(?:'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern CALL = Pattern.compile("^(int|float|str|bool)\\s*\\(.*\\)$");
  private static final Pattern ENV = Pattern.compile("^os\\.(getenv\\s*\\(|environ\\s*(\\.get\\s*\\(|\\[)).*");

  private ParameterCell() {}

  static Map<String, Default> parse(String source) {
    Map<String, Default> defaults = new LinkedHashMap<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher m = ASSIGNMENT.matcher(line);
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || !m.matches()) {
        continue;
      }
      StringBuilder expr = new StringBuilder(stripComment(m.group(3)).strip());
      // a value spread over several lines (a list, a dict) ends where its brackets close
      while (depth(expr) > 0 && i + 1 < lines.length) {
        expr.append('\n').append(stripComment(lines[++i]).strip());
      }
      String expression = expr.toString();
      Type type = m.group(2) != null ? annotated(m.group(2).strip(), expression) : typeOf(expression);
      defaults.put(m.group(1), new Default(m.group(1), type, expression));
    }
    return defaults;
  }

  static Type typeOf(String expression) {
    String e = expression.strip();
    if (e.equals("True") || e.equals("False")) {
      return Type.BOOL;
    }
    if (e.equals("None")) {
      return Type.NONE;
    }
    if (INT.matcher(e).matches()) {
      return Type.INT;
    }
    if (FLOAT.matcher(e).matches()) {
      return Type.FLOAT;
    }
    if (STRING.matcher(e).matches()) {
      return Type.STR;
    }
    Matcher call = CALL.matcher(e);
    if (call.matches()) {
      return Type.valueOf(call.group(1).toUpperCase());
    }
    if (ENV.matcher(e).matches() && !e.contains(")(")) {
      return Type.STR;
    }
    return Type.UNKNOWN;
  }

  private static Type annotated(String annotation, String expression) {
    return switch (annotation) {
      case "int" -> Type.INT;
      case "float" -> Type.FLOAT;
      case "bool" -> Type.BOOL;
      case "str" -> Type.STR;
      default -> typeOf(expression);
    };
  }

  /** The code before a {@code #} that is not inside a string literal. */
  static String stripComment(String code) {
    int[] hash = {code.length()};
    outsideStrings(code, i -> {
      if (code.charAt(i) != '#') {
        return true;
      }
      hash[0] = i;
      return false;
    });
    return code.substring(0, hash[0]);
  }

  /** How many brackets are open at the end of the code (strings' brackets do not count). */
  private static int depth(CharSequence code) {
    int[] depth = {0};
    outsideStrings(code, i -> {
      char c = code.charAt(i);
      depth[0] += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
      return true;
    });
    return depth[0];
  }

  /**
   * Calls {@code visit} with the index of each character of the code outside string literals (and not a quote), until
   * it answers false. A backslash inside a string escapes the next character.
   */
  private static void outsideStrings(CharSequence code, IntPredicate visit) {
    char quote = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (!visit.test(i)) {
        return;
      }
    }
  }
}
