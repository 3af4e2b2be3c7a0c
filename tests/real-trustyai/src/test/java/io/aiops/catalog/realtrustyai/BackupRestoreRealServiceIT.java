package io.aiops.catalog.realtrustyai;

import static io.aiops.catalog.realtrustyai.TrustyAiPeer.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics-backup and metrics-restore, run as their jars, against the real TrustyAI service built from its
 * upstream source: every metric type it schedules, backed up, lost in an "operator upgrade" (a new process on the
 * same PVC: scheduled metrics live only in memory), restored, restored again with skip-existing, verified.
 */
class BackupRestoreRealServiceIT {
  static final Path SAMPLES = TrustyAiPeer.ROOT.resolve("tests/fixtures/trustyai/samples");
  static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  /** One request of each metric the service schedules, as a user posts them (the captured samples). */
  static final Map<String, String> SCHEDULE = Map.of(
      "req_spd.json", "/metrics/group/fairness/spd/request",
      "req_dir.json", "/metrics/group/fairness/dir/request",
      "req_meanshift.json", "/metrics/drift/meanshift/request",
      "req_kstest.json", "/metrics/drift/kstest/request",
      "req_approxkstest.json", "/metrics/drift/approxkstest/request",
      "req_fouriermmd.json", "/metrics/drift/fouriermmd/request");
  static final String IDENTITY = "{\"modelId\":\"credit-model\",\"requestName\":\"identity-age\","
      + "\"columnName\":\"age\",\"batchSize\":100,\"lowerThreshold\":20.0,\"upperThreshold\":60.0}";

  static TrustyAiPeer service;
  @TempDir static Path pvc;
  @TempDir Path work;

  @BeforeAll
  static void startWithInferenceData() throws Exception {
    if (!TrustyAiPeer.available()) {
      return;
    }
    service = TrustyAiPeer.start(pvc);
    uploadInferenceData(service);
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  /** The captured training batch (tagged TRAINING: the drift metrics' reference) and the same rows untagged. */
  static void uploadInferenceData(TrustyAiPeer peer) throws Exception {
    ObjectNode upload = (ObjectNode) JSON.readTree(SAMPLES.resolve("upload_training.json").toFile());
    HttpResponse<String> tagged = peer.post("/data/upload", upload.toString());
    assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
    upload.remove("data_tag");
    HttpResponse<String> untagged = peer.post("/data/upload", upload.toString());
    assertThat(untagged.statusCode()).as(untagged.body()).isEqualTo(200);
  }

  @BeforeEach
  void needsTheService() {
    TrustyAiPeer.assumeAvailable();
  }

  @Test
  void backupUpgradeRestoreSkipExistingAndVerify() throws Exception {
    for (var e : SCHEDULE.entrySet()) {
      schedule(e.getValue(), Files.readString(SAMPLES.resolve(e.getKey())));
    }
    schedule("/metrics/identity/request", IDENTITY);
    schedule("/metrics/group/fairness/spd/request", Files.readString(SAMPLES.resolve("req_spd.json"))); // a twin
    List<JsonNode> before = service.listing();
    assertThat(metricNames(before)).containsOnlyKeys("SPD", "DIR", "MEANSHIFT", "KSTEST", "APPROXKSTEST",
        "FOURIERMMD", "IDENTITY");
    int n = before.size();

    Path backups = Files.createDirectories(work.resolve("backups"));
    StepRun backup = StepRun.run(work, "metrics-backup", "--service-url", service.url.toString(),
        "--backup-dir", backups.toString());
    assertThat(backup.exitCode()).as(backup.output()).isZero();
    assertThat(backup.result("metric-count")).isEqualTo(String.valueOf(n));
    Path file = Path.of(backup.result("backup-file"));
    JsonNode written = JSON.readTree(file.toFile());
    assertThat(written.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(written.path("requests")).hasSize(n);

    service.restart();
    assertThat(service.listing()).as("scheduled metrics after the upgrade: memory only, gone").isEmpty();

    StepRun restore = StepRun.run(work, "metrics-restore", "--service-url", service.url.toString(),
        "--file", file.toString());
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.result("restored")).isEqualTo(String.valueOf(n));
    assertThat(restore.result("failed")).isEqualTo("0");
    List<JsonNode> after = service.listing();
    assertThat(contents(after)).as("the same metrics, by content").isEqualTo(contents(before));
    assertThat(ids(after)).as("new ids").doesNotContainAnyElementsOf(ids(before));
    JsonNode idMap = JSON.readTree(file.resolveSibling("id-map.json").toFile());
    assertThat(idMap.toString()).contains(ids(before).get(0)).contains(ids(after).get(0));

    // a second restore from a copy (no journal beside it): skip-existing alone must keep it from doubling
    Path again = Files.createDirectories(work.resolve("again"));
    Files.copy(file, again.resolve(file.getFileName()));
    Files.copy(metadataOf(file), again.resolve(metadataOf(file).getFileName()));
    StepRun skip = StepRun.run(work, "metrics-restore", "--service-url", service.url.toString(),
        "--file", again.resolve(file.getFileName()).toString(), "--skip-existing");
    assertThat(skip.exitCode()).as(skip.output()).isZero();
    assertThat(skip.result("restored")).isEqualTo("0");
    assertThat(skip.result("skipped")).isEqualTo(String.valueOf(n));
    assertThat(contents(service.listing())).as("nothing doubled").isEqualTo(contents(before));

    StepRun verify = StepRun.run(work, "metrics-restore", "--service-url", service.url.toString(),
        "--file", file.toString(), "--verify-only");
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.result("skipped")).isEqualTo(String.valueOf(n));
    assertThat(verify.result("failed")).isEqualTo("0");

    // one metric deleted on the service: verify names it and fails the check
    JsonNode gone = after.stream().filter(r -> r.path("request").path("metricName").asText().equals("IDENTITY"))
        .findFirst().orElseThrow();
    HttpResponse<String> deleted = service.delete("/metrics/identity/request",
        "{\"requestId\":\"" + gone.path("id").asText() + "\"}");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    StepRun missing = StepRun.run(work, "metrics-restore", "--service-url", service.url.toString(),
        "--file", file.toString(), "--verify-only");
    assertThat(missing.exitCode()).as(missing.output()).isEqualTo(3);
    assertThat(missing.result("failed")).isEqualTo("1");
    assertThat(missing.output()).contains("identity-age");
  }

  /**
   * The regression: the JDK client's default on plain http:// offers an h2c upgrade with each POST's body, and this
   * service answers that with HTTP 500. The steps' client speaks HTTP/1.1 there: their POSTs are scheduled.
   */
  @Test
  void plainHttpPostsAreScheduledNotAnswered500() throws Exception {
    String body = Files.readString(SAMPLES.resolve("req_dir.json")).replace("dir-gender", "dir-h2c-check");
    HttpClient jdkDefault = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> upgraded = jdkDefault.send(HttpRequest.newBuilder(
            service.url.resolve("/metrics/group/fairness/dir/request")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(upgraded.statusCode()).as("the service still fails an h2c upgrade offer (else this test proves "
        + "nothing): " + upgraded.body()).isEqualTo(500);

    Path backups = Files.createDirectories(work.resolve("one"));
    ObjectNode entry = JSON.createObjectNode().put("id", "00000000-0000-0000-0000-000000000001");
    entry.set("request", ((ObjectNode) JSON.readTree(body)).put("metricName", "DIR"));
    ObjectNode root = JSON.createObjectNode();
    root.putArray("requests").add(entry);
    Path file = backups.resolve("trustyai-metrics-20261202-000000.json");
    Files.writeString(file, root.toString());
    StepRun restore = StepRun.run(work, "metrics-restore", "--service-url", service.url.toString(),
        "--file", file.toString(), "--concurrency", "1", "--http-retries", "0");
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(restore.result("restored")).isEqualTo("1");
    assertThat(restore.output()).doesNotContain("HTTP 500");
    JsonNode scheduled = service.listing().stream()
        .filter(r -> r.path("request").path("requestName").asText().equals("dir-h2c-check")).findFirst().orElseThrow();
    assertThat(service.delete("/metrics/group/fairness/dir/request",
        "{\"requestId\":\"" + scheduled.path("id").asText() + "\"}").statusCode()).isEqualTo(200);
  }

  private static void schedule(String path, String body) throws Exception {
    HttpResponse<String> r = service.post(path, body);
    assertThat(r.statusCode()).as("POST %s %s: %s", path, body, r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("requestId").asText()).isNotEmpty();
  }

  private static Path metadataOf(Path backup) {
    String name = backup.getFileName().toString();
    return backup.resolveSibling(name.substring(0, name.length() - 5) + ".metadata.json");
  }

  /** The listing's requests as canonical JSON, counted: ids differ after a restore, content must not. */
  private static Map<String, Long> contents(List<JsonNode> listing) {
    return listing.stream().map(r -> canonical(r.path("request")))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static Map<String, Long> metricNames(List<JsonNode> listing) {
    return listing.stream().map(r -> r.path("request").path("metricName").asText())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static List<String> ids(List<JsonNode> listing) {
    return listing.stream().map(r -> r.path("id").asText()).toList();
  }

  private static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
