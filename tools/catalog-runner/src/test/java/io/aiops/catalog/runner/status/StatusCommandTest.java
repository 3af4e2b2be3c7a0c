package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.runner.status.ClusterStory.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given PipelineRuns, gate TaskRuns and CronJobs on the mock API server (CRUD), when `catalog status` runs, then it
 * tells per model what trained when and whether it worked, and when each retraining runs next.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class StatusCommandTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SHA_A = "a1".repeat(32);
  static final String SHA_B = "b2".repeat(32);

  KubernetesMockServer server;
  KubernetesClient client;
  String ns;
  Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void pointAtTheMockServer() {
    System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.namespace", "default");
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.request.retry.backoffLimit", "0");
    ns = "models-" + NAMESPACES.incrementAndGet();
  }

  /** A week of the two seed models: a good retraining, one blocked by the gate, one running, one timed out. */
  void aWeekOfRetraining() {
    new Run(ns, "anomaly-detector-retraining-k2x9p", "anomaly-detector", "model-retraining")
        .started(now.minus(Duration.ofDays(10)), Duration.ofMinutes(40)).param("training-hours", "168")
        .param("data-source", "prometheus").result("model-sha256", SHA_A).result("data-source", "prometheus")
        .gate("verdict", "PASS").gate("recall", "0.91").gate("precision", "0.84").createIn(client);
    new Run(ns, "anomaly-detector-retraining-q7w4m", "anomaly-detector", "model-retraining")
        .started(now.minus(Duration.ofDays(3)), Duration.ofMinutes(30)).ended("False", "Failed")
        .param("training-hours", "168").param("data-source", "prometheus").result("model-sha256", SHA_B)
        .gate("verdict", "FAIL").gate("recall", "0.62").gate("failed-clauses", "recall >= 0.8 (recall = 0.62)")
        .createIn(client);
    new Run(ns, "anomaly-detector-retraining-z1c8d", "anomaly-detector", "model-retraining")
        .started(now.minus(Duration.ofMinutes(12)), Duration.ZERO).ended("Unknown", "Running")
        .param("training-hours", "168").param("data-source", "synthetic").createIn(client);
    new Run(ns, "predictive-analytics-retraining-t5t5t", "predictive-analytics", "model-retraining")
        .started(now.minus(Duration.ofDays(5)), Duration.ofHours(1)).ended("False", "PipelineRunTimeout")
        .param("training-hours", "720").param("data-source", "prometheus").createIn(client);
    // outside --since 30d: neither latest nor counted
    new Run(ns, "predictive-analytics-retraining-old00", "predictive-analytics", "model-retraining")
        .started(now.minus(Duration.ofDays(40)), Duration.ofMinutes(50)).result("model-sha256", SHA_A)
        .createIn(client);
    new Run(ns, "pr-model-gate-run-42", "fraud-detection", "pr-model-gate")
        .started(now.minus(Duration.ofHours(6)), Duration.ofMinutes(9)).param("model-name", "fraud-detection")
        .gate("verdict", "PASS").gate("recall", "0.875").createIn(client);
    ClusterStory.create(client, ClusterStory.cronJob(ns, "anomaly-detector-retraining", "anomaly-detector",
        "0 2 * * 0", "Etc/UTC", false, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3))));
    ClusterStory.create(client, ClusterStory.cronJob(ns, "predictive-analytics-retraining", "predictive-analytics",
        "0 3 1 * *", "Europe/Berlin", true, now.minus(Duration.ofDays(20)), null));
  }

  @Test
  void theTableSaysPerModelWhatRanHowItEndedAndWhenTheNextRunIs(QuarkusMainLauncher launcher) {
    aWeekOfRetraining();

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    String table = run.getOutput();
    assertThat(line(table, "anomaly-detector  retraining")).contains("anomaly-detector-retraining-z1c8d")
        .contains("RUNNING").contains("synthetic").contains("168h").contains("  2  ").contains("50%")
        .contains("35m0s");
    assertThat(line(table, "predictive-analytics  retraining")).contains("TIMED_OUT").contains("720h")
        .contains("0%").contains("1h0m");
    assertThat(line(table, "fraud-detection")).contains("pr-gate").contains("SUCCEEDED").contains("PASS")
        .contains("recall=0.875").contains("100%");
    assertThat(table).contains("anomaly-detector: trained " + SHA_B.substring(0, 12) + ", deployed "
        + SHA_A.substring(0, 12) + " (the latest trained model is not the deployed one)");
    ZonedDateTime sunday = now.atZone(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.SUNDAY))
        .with(LocalTime.of(2, 0));
    if (now.atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SUNDAY
        && now.atZone(ZoneOffset.UTC).toLocalTime().isBefore(LocalTime.of(2, 0))) {
      sunday = now.atZone(ZoneOffset.UTC).with(LocalTime.of(2, 0));
    }
    assertThat(line(table, ns + "/anomaly-detector-retraining ")).contains("0 2 * * 0").contains("Etc/UTC")
        .contains(" no ").endsWith(sunday.toLocalDate() + " 02:00Z");
    assertThat(line(table, ns + "/predictive-analytics-retraining")).contains("Europe/Berlin").contains("yes")
        .contains("(suspended)");
    assertThat(run.getErrorOutput()).contains("3 model(s), 2 CronJob(s) in " + ns + ", 3 API call(s)");
  }

  @Test
  void jsonCarriesTheGateVerdictFiguresAndTheFailedRunAtTheGate(QuarkusMainLauncher launcher) throws Exception {
    aWeekOfRetraining();
    new Run(ns, "anomaly-detector-retraining-zzzzz", "anomaly-detector", "model-retraining")
        .started(now.minus(Duration.ofMinutes(1)), Duration.ZERO).ended("Unknown", "PipelineRunPending")
        .createIn(client);

    LaunchResult run = launcher.launch("status", "-n", ns, "--output", "json", "--since", "7d");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode root = JSON.readTree(run.getOutput());
    assertThat(root.path("sinceSeconds").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());
    JsonNode anomaly = model(root, "anomaly-detector");
    JsonNode retraining = anomaly.path("runs").get(0);
    assertThat(retraining.path("latest").path("outcome").asText()).isEqualTo("PENDING");
    assertThat(retraining.path("finished").asInt()).as("the 10-day-old success is outside 7d").isEqualTo(1);
    assertThat(retraining.path("succeeded").asInt()).isZero();
    assertThat(anomaly.path("deployedSha256").asText()).as("no success within 7d").isEmpty();

    LaunchResult month = launcher.launch("status", "-n", ns, "-o", "json");
    JsonNode all = JSON.readTree(month.getOutput());
    assertThat(all.path("cronJobs").get(0).path("nextRunTime").asText()).endsWith("T02:00:00Z");
    assertThat(all.path("cronJobs").get(1).path("suspended").asBoolean()).isTrue();
    assertThat(all.path("cronJobs").get(1).path("nextRunTime").isNull()).isTrue();
    assertThat(model(all, "predictive-analytics").path("runs").get(0).path("latest").path("window").asText())
        .isEqualTo("720h");
  }

  @Test
  void theFailedAtTheGateRunShowsItsVerdictAndClausesInJsonAndHtml(QuarkusMainLauncher launcher,
      @TempDir Path out) throws Exception {
    new Run(ns, "anomaly-detector-retraining-q7w4m", "anomaly-detector", "model-retraining")
        .started(now.minus(Duration.ofDays(3)), Duration.ofMinutes(30)).ended("False", "Failed")
        .param("training-hours", "168").result("model-sha256", SHA_B)
        .gate("verdict", "FAIL").gate("recall", "0.62").gate("failed-clauses", "recall >= 0.8 (recall = 0.62)")
        .createIn(client);
    Path page = out.resolve("status.html");

    LaunchResult run = launcher.launch("status", "-n", ns, "-o", "json", "--html", page.toString(), "-v");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode latest = model(JSON.readTree(run.getOutput()), "anomaly-detector").path("runs").get(0).path("latest");
    assertThat(latest.path("outcome").asText()).isEqualTo("FAILED_AT_GATE");
    assertThat(latest.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(latest.path("figures").path("recall").asText()).isEqualTo("0.62");
    assertThat(latest.path("failedClauses").asText()).isEqualTo("recall >= 0.8 (recall = 0.62)");
    assertThat(latest.path("durationSeconds").asLong()).isEqualTo(1800);
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<section id=\"training-status\">")
        .contains("<td class=\"FAILED\">FAILED_AT_GATE</td>").contains("recall=0.62")
        .contains("font-family:system-ui");
  }

  @Test
  void anUnreachableApiIsExit4AndBothScopesAUsageError(QuarkusMainLauncher launcher) {
    LaunchResult both = launcher.launch("status", "-n", ns, "--all-namespaces");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.getErrorOutput()).contains("give --namespace or --all-namespaces, not both");

    int closed;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    System.setProperty("kubernetes.master", "https://127.0.0.1:" + closed);
    LaunchResult down = launcher.launch("status", "-n", ns);
    assertThat(down.exitCode()).as(down.getErrorOutput()).isEqualTo(4);
    assertThat(down.getErrorOutput()).contains("cannot read PipelineRuns, TaskRuns or CronJobs from https://127.0.0.1:"
        + closed).contains("may list pipelineruns").doesNotContain("Exception");
  }

  static String line(String table, String prefix) {
    return table.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + table));
  }

  static JsonNode model(JsonNode root, String name) {
    for (JsonNode m : root.path("models")) {
      if (m.path("model").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no model " + name + " in " + root);
  }
}
