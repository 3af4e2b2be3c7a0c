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

  static ObjectNode of(String requested, String used, String reason, QuerySet set, ChunkPlan plan, long rows) {
    ObjectNode r = Notebook.JSON.createObjectNode();
    r.put("requested", requested);
    r.put("used", used);
    r.put("fallbackReason", reason);
    r.put("mixing", mixing(used));
    r.put("rows", rows);
    r.put("start", plan.start().toString());
    r.put("end", plan.end().toString());
    r.put("stepSeconds", plan.step().toSeconds());
    if (set != null) {
      r.put("queries", set.source());
      var qs = r.putObject("promql");
      set.queries().forEach(q -> qs.put(q.name(), q.promql()));
    }
    return r;
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
