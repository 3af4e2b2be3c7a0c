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

  /** Opens {@code file}, guessing the format from its extension when {@code auto}. */
  public Rows open(Path file) {
    DataFormat format = this == auto ? guess(file) : this;
    BufferedReader reader = InputFiles.openText("dataset", file, InputFiles.DEFAULT_MAX_BYTES);
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
