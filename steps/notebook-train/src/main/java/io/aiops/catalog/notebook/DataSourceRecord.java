package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <data.csv>.source.json}: which data the CSV really holds, for the notebook (which applies the mixing rule)
 * and for collect (which reports it). The seed notebooks lost this: they fell back to synthetic data silently.
 */
final class DataSourceRecord {
  /** The seed's mixing rules, applied by the notebook to the real rows in the CSV. */
  static String mixing(String used) {
    return switch (used) {
      case "prometheus" -> "80% Prometheus + 20% synthetic anomalies";
      case "hybrid" -> "50% Prometheus + 50% synthetic";
      default -> "100% synthetic";
    };
  }

  static Path pathFor(Path csv) {
    return csv.resolveSibling(csv.getFileName() + ".source.json");
  }

  static void write(Path csv, ObjectNode record) {
    AtomicFiles.write(pathFor(csv), record.toPrettyString() + "\n");
  }

  static Optional<JsonNode> read(Path csv) {
    Path p = pathFor(csv);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Notebook.JSON.readTree(p.toFile()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private DataSourceRecord() {}
}
