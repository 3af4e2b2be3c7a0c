package io.aiops.catalog.accuracy.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CEL expression at its top-level {@code &&} (outside parentheses, brackets, braces and string literals),
 * so that each clause is judged and reported on its own. {@code a && b} fails exactly when one of them fails, so
 * judging the clauses separately gives the same verdict.
 */
final class ClauseSplitter {
  private ClauseSplitter() {}

  static List<String> split(String expression) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    char quote = 0;
    boolean sawOr = false;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> depth--;
        case '&' -> {
          if (depth == 0 && i + 1 < expression.length() && expression.charAt(i + 1) == '&') {
            parts.add(expression.substring(start, i).trim());
            start = i + 2;
            i++;
          }
        }
        case '|', '?' -> sawOr |= depth == 0;
        default -> { }
      }
    }
    parts.add(expression.substring(start).trim());
    // '||' and '?:' bind looser than '&&': splitting there would change the meaning, so keep the whole
    return sawOr || parts.size() == 1 ? List.of(expression.trim()) : parts;
  }
}
