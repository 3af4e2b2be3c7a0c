package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.StepException;
import java.io.BufferedReader;
import java.util.List;

/** CSV with a header line (RFC 4180 quoting, fields may span lines); blank lines are skipped. */
final class CsvRows implements Rows {
  private final DelimitedLine line;
  private final String source;
  private final List<String> columns;

  CsvRows(BufferedReader reader, String source) {
    this.source = source;
    this.line = new DelimitedLine(reader, source, false);
    String header = line.readLine();
    if (header != null && header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    if (header == null || header.isBlank()) {
      line.close();
      throw StepException.usage(source + " is empty: a CSV file needs a header line naming its columns");
    }
    line.split(header);
    columns = List.copyOf(line.all());
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
    } while (text.isBlank());
    line.split(text);
    if (line.count() != columns.size()) {
      throw StepException.usage(String.format("%s: %d fields where the header has %d", where(), line.count(),
          columns.size()));
    }
    return true;
  }

  @Override
  public String get(int index) {
    return line.get(index);
  }

  @Override
  public double number(int index) {
    return line.number(index);
  }

  @Override
  public String label(int index) {
    return line.label(index);
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
