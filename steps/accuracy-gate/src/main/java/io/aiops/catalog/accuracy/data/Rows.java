package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.StepException;
import java.io.Closeable;
import java.util.List;

/**
 * A labelled data file read one record at a time: the reader keeps only the current record, so a file of any size
 * is scored in constant memory.
 */
public interface Rows extends Closeable {
  /** Column names, in file order. */
  List<String> columns();

  /** Advances to the next record; false at the end. */
  boolean next();

  /** The current record's value in column {@code index} (as text; null when absent in the record). */
  String get(int index);

  /**
   * The current record's value in column {@code index} as a number; throws NumberFormatException (or
   * NullPointerException when absent) as Double.parseDouble does.
   */
  default double number(int index) {
    return Double.parseDouble(get(index));
  }

  /** Like {@link #get}, for a column of few distinct values (labels): a reader may hand back the same String. */
  default String label(int index) {
    return get(index);
  }

  /** Where the current record starts, for messages ("data.csv line 17"). */
  String where();

  @Override
  void close();

  /** Index of a named column, or a usage error that lists the columns there are. */
  default int column(String name, String option) {
    int index = columns().indexOf(name);
    if (index < 0) {
      throw StepException.usage(String.format("%s: no column '%s' (given by %s); the columns are %s", source(),
          name, option, columns()));
    }
    return index;
  }

  /** The file, for messages. */
  String source();
}
