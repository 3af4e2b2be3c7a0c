package io.aiops.catalog.metrics.backup;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.io.AtomicFiles;
import io.aiops.catalog.trustyai.BackupFile;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a backup, its metadata and the {@code latest} pointer, each through a temp file and a rename: a step
 * killed half-way leaves the previous backup and pointer intact.
 */
final class BackupWriter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = Json.pretty();

  /** What was written, and the backup {@code latest} points at afterwards (the new one, or a kept good one). */
  record Written(Path backup, Path metadata, String sha256, int count, Path latest) {}

  private final Path dir;
  private final StepLog log;

  BackupWriter(Path dir, StepLog log) {
    this.dir = dir;
    this.log = log;
  }

  Written write(BackupFile backup, String filter) {
    byte[] content = backup.toJson();
    String sha = BackupFile.sha256(content);
    Path target = freeName(BackupFile.PREFIX + STAMP.format(backup.createdAt()));
    AtomicFiles.write(target, content);
    Path metadata = BackupFile.metadataFor(target);
    AtomicFiles.write(metadata, metadata(backup, target, sha, filter));
    int previous = metricsInLatest();
    if (backup.requests().isEmpty() && previous > 0) {
      // an emptied service (after an upgrade that lost its metrics) must not make the last good backup unreachable
      // for the restore that follows: the empty backup is kept under its own name, latest stays where it was
      Path kept = dir.resolve(BackupFile.LATEST);
      log.warn("the service lists no metrics, but %s holds %d: kept it as the latest; restore from %s only if the "
          + "service is meant to be empty", BackupFile.LATEST, previous, target.getFileName());
      return new Written(target, metadata, sha, 0, realPath(kept));
    }
    pointLatestAt(target, metadata);
    return new Written(target, metadata, sha, backup.requests().size(), target);
  }

  /** How many requests the current latest backup holds; 0 when there is none or it cannot be read. */
  private int metricsInLatest() {
    Path latest = dir.resolve(BackupFile.LATEST);
    if (!Files.isRegularFile(latest)) {
      return 0;
    }
    try {
      return JSON.readTree(latest.toFile()).path("requests").size();
    } catch (IOException unreadable) {
      log.warn("cannot read the current %s (%s): replacing it", BackupFile.LATEST, unreadable.getMessage());
      return 0;
    }
  }

  private byte[] metadata(BackupFile backup, Path target, String sha, String filter) {
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Integer> byModel = new TreeMap<>();
    for (ScheduledRequest r : backup.requests()) {
      byType.merge(String.valueOf(r.metricName()), 1, Integer::sum);
      byModel.merge(String.valueOf(r.modelId()), 1, Integer::sum);
    }
    ObjectNode m = JSON.createObjectNode();
    m.put("formatVersion", backup.formatVersion());
    m.put("backupFile", target.getFileName().toString());
    m.put("createdAt", backup.createdAt().toString());
    m.put("serviceUrl", backup.serviceUrl());
    m.put("namespace", backup.namespace());
    m.put("type", filter);
    m.put("metricCount", backup.requests().size());
    m.set("countsByType", JSON.valueToTree(byType));
    m.set("countsByModel", JSON.valueToTree(byModel));
    m.put("sha256", sha);
    m.put("toolVersion", "metrics-backup " + StepVersion.version());
    try {
      return JSON.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path realPath(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return link;
    }
  }

  /** Two backups in the same second must not overwrite each other. */
  private Path freeName(String stem) {
    Path candidate = dir.resolve(stem + ".json");
    for (int n = 1; Files.exists(candidate); n++) {
      candidate = dir.resolve(stem + "-" + n + ".json");
    }
    return candidate;
  }

  /**
   * {@code trustyai-metrics-latest.json} as a relative symlink, swapped in by rename; where the volume refuses
   * symlinks (some CSI drivers, SMB), an atomic copy of the backup and its metadata instead.
   */
  private void pointLatestAt(Path target, Path metadata) {
    Path latest = dir.resolve(BackupFile.LATEST);
    try {
      Path tmp = dir.resolve("." + BackupFile.LATEST + "." + ProcessHandle.current().pid() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, target.getFileName());
      AtomicFiles.moveAtomically(tmp, latest);
      Files.deleteIfExists(BackupFile.metadataFor(latest));
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("cannot create symlink %s (%s): writing a copy instead", latest, e.getMessage());
      try {
        AtomicFiles.write(latest, Files.readAllBytes(target));
        AtomicFiles.write(BackupFile.metadataFor(latest), Files.readAllBytes(metadata));
      } catch (IOException copy) {
        throw new UncheckedIOException("cannot write " + latest + ": " + copy.getMessage(), copy);
      }
    }
  }
}
