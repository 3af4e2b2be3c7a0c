package io.aiops.catalog.accuracy.data;

import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats labelled data may come in, and how one is opened. */
public enum DataFormat {
  auto, csv, jsonl, arff;

  /**
   * Rows are streamed in constant memory (no per-row objects kept), so a dataset's size bounds only the time it
   * takes: 10 M predictions are ~500 MB. The cap stays, for a file that is not what it was meant to be.
   */
  public static final long MAX_DATASET_BYTES = 64L * 1024 * 1024 * 1024;

  /** Opens {@code file}, guessing the format from its extension when {@code auto}. */
  public Rows open(Path file) {
    DataFormat format = this == auto ? guess(file) : this;
    BufferedReader reader = InputFiles.openText("dataset", file, MAX_DATASET_BYTES);
    String name = file.toString();
    return switch (format) {
      case csv -> new CsvRows(reader, name);
      case jsonl -> new JsonLinesRows(reader, name);
      case arff -> new ArffRows(reader, name);
      case auto -> throw new IllegalStateException("guess() never answers auto");
    };
  }

  static DataFormat guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".arff")) {
      return arff;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return jsonl;
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return csv;
    }
    throw StepException.usage(file + ": cannot tell the format from the extension; give --format=csv|jsonl|arff");
  }
}
