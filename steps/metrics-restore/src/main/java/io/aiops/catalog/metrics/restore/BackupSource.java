package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.step.io.InputFiles;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.trustyai.BackupFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The backup to restore, found, read whole and checked against its {@code .metadata.json} before anything is
 * sent: a truncated or edited file must stop the restore, not half-run it.
 */
record BackupSource(Path file, BackupFile backup, String sha256) {
  static final String LATEST = "latest";
  private static final ObjectMapper JSON = Json.mapper();

  /** {@code --file}: a path, or {@code latest} = the pointer metrics-backup keeps in the backup directory. */
  static BackupSource load(String fileOption, Path backupDir, StepLog log) {
    if (fileOption == null || fileOption.isBlank()) {
      throw StepException.usage("give --file: a backup written by metrics-backup, or 'latest'");
    }
    Path given = LATEST.equals(fileOption.trim()) ? backupDir.resolve(BackupFile.LATEST) : Path.of(fileOption);
    if (!Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
      throw StepException.usage("backup file " + given + " does not exist" + (LATEST.equals(fileOption.trim())
          ? ": no backup in " + backupDir + " yet (run metrics-backup, or give --backup-dir)" : ""));
    }
    InputFiles.checked("backup file", given, BackupFile.MAX_BYTES); // a loop, a FIFO, a directory: said as such
    Path file;
    try {
      // the latest pointer is a symlink: its checksum and journal belong to the file it names
      file = given.toRealPath();
    } catch (IOException e) {
      throw StepException.usage("cannot resolve backup file " + given + " (" + InputFiles.reason(e) + ")");
    }
    BackupFile backup = BackupFile.read(file);
    byte[] bytes = InputFiles.readBytes("backup file", file, BackupFile.MAX_BYTES);
    String sha = BackupFile.sha256(bytes);
    checkAgainstMetadata(file, sha, log);
    return new BackupSource(file, backup, sha);
  }

  private static void checkAgainstMetadata(Path file, String sha, StepLog log) {
    Path metadata = BackupFile.metadataFor(file);
    if (!Files.exists(metadata)) {
      log.warn("no %s beside the backup: its checksum cannot be checked", metadata.getFileName());
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(InputFiles.readBytes("metadata file", metadata, BackupFile.MAX_BYTES));
    } catch (IOException e) {
      throw StepException.usage("metadata file " + metadata + " is not valid JSON (" + e.getMessage().lines()
          .findFirst().orElse("") + "): restore it from the backup volume, or move it away to skip the check");
    }
    String expected = root == null ? null : root.path("sha256").asText(null);
    if (expected == null) {
      log.warn("%s holds no sha256 (an older backup?): the checksum cannot be checked", metadata.getFileName());
      return;
    }
    if (!expected.equalsIgnoreCase(sha)) {
      throw StepException.usage(String.format("backup file %s has sha256 %s but %s, field \"sha256\", says %s: "
          + "the file changed since it was written (truncated copy? edited?); nothing was restored", file, sha,
          metadata.getFileName(), expected));
    }
  }

  /** {@code trustyai-metrics-X.json} -> {@code trustyai-metrics-X<suffix>}, beside it. */
  Path sibling(String suffix) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return file.resolveSibling(stem + suffix);
  }
}
