package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.StepException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits comma-separated records (RFC 4180 quoting; ARFF also quotes with '). An unquoted line, the common case,
 * is only indexed: a field becomes a String when asked for, so unused columns cost nothing.
 */
final class DelimitedLine {
  private final BufferedReader reader;
  private final String source;
  private final boolean singleQuotes;
  private String line;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private List<String> quoted;
  private int count;
  private long lineNumber;
  private long recordLine;

  DelimitedLine(BufferedReader reader, String source, boolean singleQuotes) {
    this.reader = reader;
    this.source = source;
    this.singleQuotes = singleQuotes;
  }

  /** Reads the next raw line (no splitting); null at the end. */
  String readLine() {
    try {
      String next = reader.readLine();
      if (next != null) {
        lineNumber++;
      }
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /** Splits {@code first} (and continuation lines when a quoted field spans lines) into fields. */
  void split(String first) {
    recordLine = lineNumber;
    line = first;
    quoted = null;
    count = 0;
    if (first.indexOf('"') < 0 && !(singleQuotes && first.indexOf('\'') >= 0)) {
      int start = 0;
      for (int i = 0; i <= first.length(); i++) {
        if (i == first.length() || first.charAt(i) == ',') {
          add(start, i);
          start = i + 1;
        }
      }
      return;
    }
    quoted = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String text = first;
    int i = 0;
    while (true) {
      char quote = 0;
      field.setLength(0);
      while (i < text.length() && text.charAt(i) == ' ' && singleQuotes) {
        i++;
      }
      if (i < text.length() && (text.charAt(i) == '"' || (singleQuotes && text.charAt(i) == '\''))) {
        quote = text.charAt(i++);
        while (true) {
          if (i >= text.length()) {
            String more = readLine();
            if (more == null) {
              throw StepException.usage(String.format("%s line %d: a quoted field is never closed", source,
                  recordLine));
            }
            field.append('\n');
            text = more;
            i = 0;
            continue;
          }
          char c = text.charAt(i++);
          if (c == quote) {
            if (i < text.length() && text.charAt(i) == quote) {
              field.append(quote);
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
      }
      while (i < text.length() && text.charAt(i) != ',') {
        field.append(text.charAt(i++));
      }
      quoted.add(quote != 0 ? field.toString() : field.toString().trim());
      if (i >= text.length()) {
        count = quoted.size();
        return;
      }
      i++;
    }
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = java.util.Arrays.copyOf(starts, count * 2);
      ends = java.util.Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count++] = end;
  }

  int count() {
    return count;
  }

  String get(int index) {
    if (index >= count) {
      return null;
    }
    return quoted != null ? quoted.get(index) : line.substring(starts[index], ends[index]).trim();
  }

  /**
   * Field {@code index} as a number, read from the line in place: a plain decimal ("0.731", "-12") needs no
   * String, and is exactly what Double.parseDouble makes of it (its digits as an integer below 2^53, divided by an
   * exact power of ten, is one correctly rounded division). Anything else goes through Double.parseDouble.
   */
  double number(int index) {
    if (quoted != null || index >= count) {
      return Double.parseDouble(get(index));
    }
    int i = starts[index];
    int end = ends[index];
    while (i < end && line.charAt(i) <= ' ') {
      i++;
    }
    while (end > i && line.charAt(end - 1) <= ' ') {
      end--;
    }
    boolean negative = i < end && line.charAt(i) == '-';
    int p = negative || (i < end && line.charAt(i) == '+') ? i + 1 : i;
    long mantissa = 0;
    int digits = 0;
    int decimals = -1;
    for (; p < end; p++) {
      char c = line.charAt(p);
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        break;
      }
    }
    if (p != end || digits == 0 || digits > 18 || mantissa > 1L << 53 || decimals > 22) {
      return Double.parseDouble(line.substring(i, end));
    }
    double value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
    return negative ? -value : value;
  }

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /**
   * Field {@code index} as one of few values (a class label): the same String each time the same text comes
   * back, so a million rows of "0" and "1" make no String at all.
   */
  String label(int index) {
    if (quoted != null || index >= count) {
      return get(index);
    }
    int start = starts[index];
    int length = ends[index] - start;
    for (int k = 0; k < labelCount; k++) {
      String known = labelRaw[k];
      if (known.length() == length && line.regionMatches(start, known, 0, length)) {
        return labelValue[k];
      }
    }
    String raw = line.substring(start, start + length);
    String value = raw.trim();
    if (labelCount < labelRaw.length) {
      labelRaw[labelCount] = raw;
      labelValue[labelCount++] = value;
    }
    return value;
  }

  private final String[] labelRaw = new String[32];
  private final String[] labelValue = new String[32];
  private int labelCount;

  List<String> all() {
    List<String> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fields.add(get(i));
    }
    return fields;
  }

  long recordLine() {
    return recordLine;
  }

  void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // reading is over: a failed close loses nothing
    }
  }
}
