package io.aiops.catalog.trustyai;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.io.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The backup file: the seed scripts' {@code {"requests":[{"id","request"}]}} (old backups stay readable, new ones
 * stay readable by the old scripts) plus {@code formatVersion}, {@code createdAt}, {@code serviceUrl}.
 */
public record BackupFile(int formatVersion, Instant createdAt, String serviceUrl, String namespace,
    List<ScheduledRequest> requests) {

  public static final int FORMAT_VERSION = 1;
  /** The largest backup read: 64 MiB holds about 100,000 scheduled requests, far more than a service runs. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;
  public static final String PREFIX = "trustyai-metrics-";
  public static final String LATEST = PREFIX + "latest.json";
  private static final List<String> FAIRNESS_FIELDS = List.of("protectedAttribute", "outcomeName",
      "privilegedAttribute", "unprivilegedAttribute", "favorableOutcome");
  static final ObjectMapper JSON = Json.pretty();

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("formatVersion", formatVersion);
    root.put("createdAt", createdAt.toString());
    root.put("serviceUrl", serviceUrl);
    root.put("namespace", namespace);
    ArrayNode list = root.putArray("requests");
    for (ScheduledRequest r : requests) {
      ObjectNode entry = list.addObject();
      entry.put("id", r.id());
      entry.set("request", r.request());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code X.json} -> {@code X.metadata.json}, beside it. */
  public static Path metadataFor(Path backup) {
    String name = backup.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return backup.resolveSibling(stem + ".metadata.json");
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads and validates a whole backup before anything is done with it: every problem is exit 2 naming the entry
   * and the field. Seed-format files (no formatVersion) are read as version 0. An id that appears twice is refused:
   * restoring both would leave one of them out of id-map.json, silently.
   */
  public static BackupFile read(Path file) {
    byte[] bytes = InputFiles.readBytes("backup file", file, MAX_BYTES);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw StepException.usage(String.format("backup file %s is not valid JSON (line %d, column %d): %s", file,
          at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage()));
    } catch (IOException e) {
      throw StepException.usage("cannot read backup file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("requests").isArray()) {
      throw StepException.usage("backup file " + file + " has no \"requests\" array: not a TrustyAI metrics backup");
    }
    int version = formatVersion(file, root.get("formatVersion"));
    if (version > FORMAT_VERSION) {
      throw StepException.usage("backup file " + file + " has formatVersion " + version + ", newer than this tool "
          + "reads (" + FORMAT_VERSION + "): use a newer metrics-restore");
    }
    List<ScheduledRequest> requests = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int index = 0;
    for (JsonNode entry : root.path("requests")) {
      ScheduledRequest request = validEntry(file, index, entry);
      Integer first = request.id() == null ? null : seen.putIfAbsent(request.id(), index);
      if (first != null) {
        throw StepException.usage(String.format("backup file %s has id %s twice (requests[%d] and requests[%d]): "
            + "each id maps to one restored request in id-map.json, so duplicates are refused; remove one entry "
            + "(and its checksum in the .metadata.json) or give it its own id", file, request.id(), first, index));
      }
      requests.add(request);
      index++;
    }
    Instant created = createdAt(file, root.get("createdAt"));
    return new BackupFile(version, created, root.path("serviceUrl").asText(null),
        root.path("namespace").asText(null), List.copyOf(requests));
  }

  /** Absent: a seed-format file (version 0). Present: a whole number from 0 up, never guessed from a string. */
  private static int formatVersion(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || node.asLong() < 0 || !node.canConvertToInt()) {
      throw StepException.usage("backup file " + file + ": field \"formatVersion\" is " + node + ", not a version "
          + "number (0 to " + FORMAT_VERSION + "): the file was edited or is not a metrics backup");
    }
    return node.asInt();
  }

  private static Instant createdAt(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      if (node.isTextual()) {
        return Instant.parse(node.asText());
      }
    } catch (DateTimeParseException notADate) {
      // reported below
    }
    throw StepException.usage("backup file " + file + ": field \"createdAt\" is " + node + ", not an ISO-8601 "
        + "instant such as 2026-01-31T12:00:00Z: the file was edited or is not a metrics backup");
  }

  private static ScheduledRequest validEntry(Path file, int index, JsonNode entry) {
    String position = "backup file " + file + ", requests[" + index + "]";
    if (!entry.isObject()) {
      throw StepException.usage(position + " is not an object");
    }
    String id = entry.path("id").asText(null);
    String where = id == null ? position : position + " (id " + id + ")";
    if (!(entry.get("request") instanceof ObjectNode request)) {
      throw StepException.usage(where + ": field \"request\" is missing or not an object");
    }
    String metricName = request.path("metricName").asText(null);
    if (metricName == null) {
      throw StepException.usage(where + ": field \"request.metricName\" is missing");
    }
    MetricType type = MetricType.fromMetricName(metricName).orElseThrow(() -> StepException.usage(where
        + ": field \"request.metricName\" is '" + metricName + "', not a known metric (" + MetricFilter.HELP + ")"));
    requireText(where, request, "modelId");
    if (type.group() == MetricType.Group.FAIRNESS) {
      for (String field : FAIRNESS_FIELDS) {
        if (!request.hasNonNull(field)) {
          throw StepException.usage(where + ": field \"request." + field + "\" is missing (needed by " + type + ")");
        }
      }
    } else if (type.group() == MetricType.Group.DRIFT) {
      requireText(where, request, "referenceTag");
    }
    return new ScheduledRequest(id, request);
  }

  private static void requireText(String where, ObjectNode request, String field) {
    JsonNode node = request.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw StepException.usage(where + ": field \"request." + field + "\" is missing or empty");
    }
  }
}
