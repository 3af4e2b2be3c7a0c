package io.aiops.catalog.metrics.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.trustyai.BackupFile;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Backups as metrics-backup writes them (file, .metadata.json with the sha256, latest symlink), for tests. */
final class Backups {
  private Backups() {}

  /** The captured listing taken before the service restarted: the six metrics of the samples. */
  static List<ScheduledRequest> captured() {
    return requestsOf(TrustyAiStub.sample("backup_all_requests_before_restart.json"));
  }

  static List<ScheduledRequest> requestsOf(JsonNode listing) {
    List<ScheduledRequest> out = new ArrayList<>();
    listing.path("requests").forEach(e -> out.add(new ScheduledRequest(e.path("id").asText(),
        (ObjectNode) e.get("request").deepCopy())));
    return out;
  }

  /** {@code n} distinct metrics: the captured six over and over, each copy with its own requestName. */
  static List<ScheduledRequest> many(int n) {
    List<ScheduledRequest> base = captured();
    List<ScheduledRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode request = base.get(i % base.size()).request().deepCopy();
      request.put("requestName", request.path("requestName").asText() + "-" + i);
      out.add(new ScheduledRequest(UUID.randomUUID().toString(), request));
    }
    return out;
  }

  /** Writes trustyai-metrics-20261125-061200.json, its metadata and the latest symlink into {@code dir}. */
  static Path write(Path dir, List<ScheduledRequest> requests) {
    BackupFile backup = new BackupFile(BackupFile.FORMAT_VERSION, Instant.parse("2026-11-25T06:12:00Z"),
        "https://trustyai-service.models.svc", "models", requests);
    return writeRaw(dir, "trustyai-metrics-20261125-061200.json", backup.toJson());
  }

  static Path writeRaw(Path dir, String name, byte[] content) {
    try {
      Files.createDirectories(dir);
      Path file = Files.write(dir.resolve(name), content);
      Files.writeString(BackupFile.metadataFor(file), TrustyAiStub.JSON.createObjectNode()
          .put("backupFile", name).put("metricCount", -1).put("sha256", BackupFile.sha256(content)).toString());
      Path latest = dir.resolve(BackupFile.LATEST);
      Files.deleteIfExists(latest);
      Files.createSymbolicLink(latest, file.getFileName());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each request's whole content, ids aside, sorted: equal lists mean each metric is there as often. */
  static List<String> contents(Collection<? extends JsonNode> requests) {
    return requests.stream().map(RequestContent::canonical).sorted().toList();
  }

  /**
   * The service lists each backed-up metric exactly as often as the backup holds it: first by name (a readable
   * failure: which were doubled or lost), then by whole content.
   */
  static void assertSameMetrics(Collection<? extends JsonNode> listed, List<ScheduledRequest> backed) {
    java.util.Map<String, Long> byName = new java.util.TreeMap<>();
    listed.forEach(r -> byName.merge(r.path("metricName").asText() + " " + r.path("requestName").asText(), 1L,
        Long::sum));
    java.util.Map<String, Long> expected = new java.util.TreeMap<>();
    backed.forEach(r -> expected.merge(r.metricName() + " " + r.request().path("requestName").asText(), 1L,
        Long::sum));
    org.assertj.core.api.Assertions.assertThat(byName).as("listed metrics by name, with counts")
        .isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(contents(listed)).isEqualTo(contentsOf(backed));
  }

  static List<String> contentsOf(List<ScheduledRequest> requests) {
    return contents(requests.stream().map(ScheduledRequest::request).toList());
  }
}
