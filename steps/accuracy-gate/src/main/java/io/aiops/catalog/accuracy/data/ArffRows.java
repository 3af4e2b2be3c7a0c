package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.StepException;
import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weka's ARFF: {@code @attribute} lines name the columns, records follow {@code @data}; '%' starts a comment and
 * '?' is a missing value. Sparse records ({...}) are refused with a message.
 */
final class ArffRows implements Rows {
  private final DelimitedLine line;
  private final String source;
  private final List<String> columns = new ArrayList<>();

  ArffRows(BufferedReader reader, String source) {
    this.source = source;
    this.line = new DelimitedLine(reader, source, true);
    for (String text = line.readLine(); ; text = line.readLine()) {
      if (text == null) {
        line.close();
        throw StepException.usage(source + (columns.isEmpty() ? " is empty: no @attribute lines"
            : ": no @data section"));
      }
      String trimmed = text.trim();
      String lower = trimmed.toLowerCase(Locale.ROOT);
      if (lower.startsWith("@attribute")) {
        columns.add(attributeName(trimmed.substring("@attribute".length()).trim()));
      } else if (lower.startsWith("@data")) {
        break;
      }
    }
    if (columns.isEmpty()) {
      throw StepException.usage(source + ": no @attribute lines before @data");
    }
  }

  /** The name of an attribute: quoted ('credit amount') or up to the first blank. */
  private static String attributeName(String rest) {
    if (!rest.isEmpty() && (rest.charAt(0) == '\'' || rest.charAt(0) == '"')) {
      int end = rest.indexOf(rest.charAt(0), 1);
      return end > 0 ? rest.substring(1, end) : rest.substring(1);
    }
    int blank = 0;
    while (blank < rest.length() && !Character.isWhitespace(rest.charAt(blank))) {
      blank++;
    }
    return rest.substring(0, blank);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    String text;
    do {
      text = line.readLine();
      if (text == null) {
        return false;
      }
    } while (text.isBlank() || text.trim().startsWith("%"));
    if (text.trim().startsWith("{")) {
      throw StepException.usage(source + ": sparse ARFF records ({index value, ...}) are not supported; write the "
          + "data dense");
    }
    line.split(text);
    if (line.count() != columns.size()) {
      throw StepException.usage(String.format("%s: %d values where @attribute declares %d", where(), line.count(),
          columns.size()));
    }
    return true;
  }

  @Override
  public String get(int index) {
    String value = line.get(index);
    return "?".equals(value) ? null : value;
  }

  @Override
  public String where() {
    return source + " line " + line.recordLine();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public void close() {
    line.close();
  }
}
