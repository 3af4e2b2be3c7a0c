package io.aiops.catalog.metrics.backup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a TrustyAI service answering with captured listings, when metrics-backup runs, then the backup holds them. */
@QuarkusMainTest
class MetricsBackupCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  WireMockServer trustyai;

  @TempDir Path backups;
  @TempDir Path results;

  @BeforeEach
  void startService() {
    trustyai = new WireMockServer(options().dynamicPort());
    trustyai.start();
    trustyai.stubFor(get("/q/health/ready").willReturn(okJson("{\"status\":\"UP\",\"checks\":[]}")));
  }

  @AfterEach
  void stopService() {
    trustyai.stop();
  }

  @Test
  void backsUpEveryListedRequestExactlyWithMetadataLatestAndResults(QuarkusMainLauncher launcher) throws IOException {
    String listing = sample("list_all_requests_t0.json");
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson(listing)));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "-n", "models",
        "--backup-dir", backups.toString(), "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    Path backup = Path.of(Files.readString(results.resolve("backup-file")));
    assertThat(backup.getFileName().toString()).matches("trustyai-metrics-\\d{8}-\\d{6}\\.json");
    JsonNode written = JSON.readTree(backup.toFile());
    assertThat(written.get("requests")).isEqualTo(JSON.readTree(listing).get("requests"));
    assertThat(written.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(written.get("serviceUrl").asText()).isEqualTo(trustyai.baseUrl());
    assertThat(written.get("namespace").asText()).isEqualTo("models");

    JsonNode metadata = JSON.readTree(backups.resolve(backup.getFileName().toString()
        .replace(".json", ".metadata.json")).toFile());
    assertThat(metadata.get("metricCount").asInt()).isEqualTo(6);
    assertThat(metadata.at("/countsByType/SPD").asInt()).isEqualTo(1);
    assertThat(metadata.at("/countsByType/FOURIERMMD").asInt()).isEqualTo(1);
    assertThat(metadata.at("/countsByModel/credit-model").asInt()).isEqualTo(6);
    String sha = Files.readString(results.resolve("sha256"));
    assertThat(metadata.get("sha256").asText()).isEqualTo(sha).isEqualTo(sha256(Files.readAllBytes(backup)));
    assertThat(Files.readString(results.resolve("metric-count"))).isEqualTo("6");

    Path latest = backups.resolve("trustyai-metrics-latest.json");
    assertThat(Files.isSymbolicLink(latest)).isTrue();
    assertThat(Files.readAllBytes(latest)).isEqualTo(Files.readAllBytes(backup));
    assertThat(listTempFiles()).isEmpty();
  }

  @Test
  void fairnessTypeKeepsOnlySpdAndDir(QuarkusMainLauncher launcher) throws IOException {
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson(sample("list_all_requests_t0.json"))));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--type", "Fairness",
        "--backup-dir", backups.toString(), "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode written = JSON.readTree(Path.of(Files.readString(results.resolve("backup-file"))).toFile());
    List<String> names = new ArrayList<>();
    written.get("requests").forEach(r -> names.add(r.at("/request/metricName").asText()));
    assertThat(names).containsExactlyInAnyOrder("SPD", "DIR");
  }

  @Test
  void duplicatesInTheListingAreKeptBecauseTheServiceSchedulesBoth(QuarkusMainLauncher launcher) throws IOException {
    String listing = sample("list_all_with_duplicates.json");
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson(listing)));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(),
        "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(Files.readString(results.resolve("metric-count")))
        .isEqualTo(String.valueOf(JSON.readTree(listing).get("requests").size()));
  }

  @Test
  void emptyListingIsAValidBackupWithAWarning(QuarkusMainLauncher launcher) throws IOException {
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson("{\"requests\":[]}")));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(),
        "--results-dir", results.toString());

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getErrorOutput()).contains("WARN").contains("no scheduled metrics of type all");
    assertThat(Files.readString(results.resolve("metric-count"))).isEqualTo("0");
    assertThat(JSON.readTree(backups.resolve("trustyai-metrics-latest.json").toFile()).get("requests")).isEmpty();
  }

  @Test
  void anEmptiedServiceNeverReplacesTheLastGoodLatest(QuarkusMainLauncher launcher) throws IOException {
    String listing = sample("list_all_requests_t0.json");
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson(listing)));
    LaunchResult before = launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(),
        "--results-dir", results.toString());
    assertThat(before.exitCode()).as(before.getErrorOutput()).isZero();
    String good = Files.readString(results.resolve("backup-file"));

    // the operator upgrade lost every metric: the next scheduled backup sees an empty service
    trustyai.stubFor(get("/metrics/all/requests").willReturn(okJson("{\"requests\":[]}")));
    LaunchResult after = launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(),
        "--results-dir", results.toString());

    assertThat(after.exitCode()).as(after.getErrorOutput()).isZero();
    assertThat(after.getErrorOutput()).contains("kept it as the latest");
    assertThat(Files.readString(results.resolve("metric-count"))).isEqualTo("0");
    assertThat(Files.readString(results.resolve("latest"))).isEqualTo(good);
    assertThat(JSON.readTree(backups.resolve("trustyai-metrics-latest.json").toFile()).get("requests"))
        .hasSize(JSON.readTree(listing).get("requests").size());
    assertThat(Path.of(Files.readString(results.resolve("backup-file")))).exists().isNotEqualTo(Path.of(good));
  }

  @Test
  void serviceDownIsExit4NamingTheUrlAndWritesNothing(QuarkusMainLauncher launcher) throws IOException {
    String url = trustyai.baseUrl();
    trustyai.stop();

    LaunchResult run = launcher.launch("--service-url", url, "--ready-timeout", "1s", "--backup-dir",
        backups.toString(), "--results-dir", results.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains(url + "/q/health/ready").contains("connection refused")
        .doesNotContain("Exception");
    try (var files = Files.list(backups)) {
      assertThat(files).isEmpty();
    }
    assertThat(results.resolve("backup-file")).doesNotExist();
  }

  @Test
  void tokenIsSentButNeverLoggedNorWrittenToArtifacts(QuarkusMainLauncher launcher, @TempDir Path secrets,
      @TempDir Path artifacts) throws IOException {
    String token = "sha256~s3cr3t-token-value";
    Path tokenFile = Files.writeString(secrets.resolve("token"), token + "\n");
    trustyai.stubFor(get("/metrics/all/requests").withHeader("Authorization", equalTo("Bearer " + token))
        .willReturn(okJson(sample("list_all_fairness.json"))));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--token-file", tokenFile.toString(),
        "--backup-dir", backups.toString(), "--results-dir", results.toString(), "--artifacts-dir",
        artifacts.toString(), "--verbose");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    trustyai.verify(getRequestedFor(urlEqualTo("/metrics/all/requests"))
        .withHeader("Authorization", equalTo("Bearer " + token)));
    assertThat(run.getOutput() + run.getErrorOutput()).doesNotContain(token);
    Path runDir = artifacts.resolve("001__metrics-backup__main");
    assertThat(runDir.resolve("command.txt")).content().contains("--service-url").doesNotContain(tokenFile.toString());
    assertThat(runDir.resolve("options.json")).content().contains("\"--token-file\" : \"<redacted>\"");
    assertThat(runDir.resolve("log.txt")).content().contains("backed up 2 of 2");
    assertThat(runDir.resolve("FAILURE")).doesNotExist();
    try (var files = Files.walk(artifacts)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(f).content().doesNotContain(token);
      }
    }
  }

  @Test
  void failedRunLeavesAFailureMarkerWithTheReason(QuarkusMainLauncher launcher, @TempDir Path artifacts) {
    trustyai.stubFor(get("/metrics/all/requests").willReturn(aResponse().withStatus(403).withBody("Forbidden")));

    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--backup-dir", backups.toString(),
        "--artifacts-dir", artifacts.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("HTTP 403").contains("--token-file");
    assertThat(artifacts.resolve("001__metrics-backup__main/FAILURE")).content().contains("HTTP 403");
  }

  @Test
  void badTypeIsAUsageErrorBeforeAnyRequest(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--service-url", trustyai.baseUrl(), "--type", "fairnes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("unknown --type 'fairnes'").contains("fairness");
    assertThat(trustyai.getAllServeEvents()).isEmpty();
  }

  @Test
  void helpListsTheSharedExitCodes(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.getOutput()).contains("--backup-dir").contains("Exit codes:")
        .contains("4   a dependency is unavailable");
  }

  private List<Path> listTempFiles() throws IOException {
    try (var files = Files.list(backups)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  static String sample(String name) {
    try (InputStream in = MetricsBackupCommandTest.class.getResourceAsStream("/trustyai/samples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
