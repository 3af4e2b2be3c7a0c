package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.kube.testing.StepKubeConfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.status.TektonRuns.Run;
import io.aiops.catalog.step.json.Json;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stories on the fabric8 mock API server (CRUD mode): given PipelineRuns, TaskRuns and CronJobs as Tekton and the
 * CronJob controller leave them, when {@code catalog status} runs, then it shows what trained when and how it went.
 */
@QuarkusMainTest
@EnableKubernetesMockClient(crud = true)
class StatusCommandTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String SHA_A = "3f2a9c1b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
  static final String SHA_B = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String SHA_C = "9e8d7c6b5a49382716051f2e3d4c5b6a79889a0b1c2d3e4f5061728394a5b6c7";
  static final String SHA_OLD = "1111111111111111111111111111111111111111111111111111111111111111";

  KubernetesMockServer server;
  KubernetesClient client;
  String ns;

  @BeforeEach
  void pointAtMockServer() {
    StepKubeConfig.pointAt(client.getConfiguration().getMasterUrl(), "default-ns");
    ns = "status-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void aSucceededRetrainingIsListedWithItsDataWindowAndModel(QuarkusMainLauncher launcher) {
    Instant start = Instant.now().minus(Duration.ofDays(2));
    new Run(ns, "anomaly-detector-retraining-x7k2p", "model-retraining", "anomaly-detector")
        .started(start, Duration.ofMinutes(14).plusSeconds(3)).param("data-source", "prometheus")
        .param("training-hours", "168").result("model-sha256", SHA_A).result("data-source", "prometheus")
        .task("train", "notebook-train").result("model-sha256", SHA_A).done()
        .task("gate", "accuracy-gate").result("verdict", "PASS").done()
        .task("promote", "model-validate").result("verdict", "PASS").done()
        .createIn(client);

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).contains("namespace " + ns)
        .containsPattern("anomaly-detector +model-retraining +anomaly-detector-retraining-x7k2p +Succeeded +"
            + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ +14m03s +prometheus 168h +PASS +3f2a9c1b0d4e +3f2a9c1b0d4e")
        .containsPattern("anomaly-detector +model-retraining +1 +1 +0 +0 +0 +0 +100% +14m03s");
  }

  @Test
  void latestRunsSayHowTheyEndedAndTheWindowCountsOnlyItsRuns(QuarkusMainLauncher launcher) throws Exception {
    Instant now = Instant.now();
    // anomaly-detector, weekly retraining: one run before the window, then succeeded, timed out, failed, running
    retraining("anomaly-detector-retraining-old", now.minus(Duration.ofDays(40)), Duration.ofMinutes(9))
        .result("model-sha256", SHA_OLD).task("promote", "model-validate").done().createIn(client);
    retraining("anomaly-detector-retraining-ok", now.minus(Duration.ofDays(10)), Duration.ofMinutes(14))
        .result("model-sha256", SHA_A).result("data-source", "prometheus")
        .task("train", "notebook-train").result("model-sha256", SHA_A).result("data-source", "prometheus").done()
        .task("promote", "model-validate").result("verdict", "PASS").done().createIn(client);
    retraining("anomaly-detector-retraining-slow", now.minus(Duration.ofDays(3)), Duration.ofHours(1))
        .ended("PipelineRunTimeout", "PipelineRun \"anomaly-detector-retraining-slow\" failed to finish within "
            + "\"1h0m0s\"").createIn(client);
    retraining("anomaly-detector-retraining-down", now.minus(Duration.ofDays(2)), Duration.ofMinutes(20))
        .ended("Failed", "Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1")
        .task("train", "notebook-train").failed("Failed").result("outcome", "prometheus-unreachable").done()
        .createIn(client);
    retraining("anomaly-detector-retraining-now", now.minus(Duration.ofMinutes(30)), null).running()
        .task("train", "notebook-train").done().createIn(client);
    // fraud-detection, pull-request gate: passed and deployed five days ago, failed at the gate yesterday
    new Run(ns, "pr-41-gate", "pr-model-gate", "fraud-detection").started(now.minus(Duration.ofDays(5)),
            Duration.ofMinutes(8))
        .task("train", "notebook-train").result("model-sha256", SHA_B).result("data-source", "synthetic").done()
        .task("gate", "accuracy-gate").result("verdict", "PASS").result("recall", "0.91").done()
        .task("validate", "model-validate").done().createIn(client);
    new Run(ns, "pr-42-gate", "pr-model-gate", "fraud-detection").started(now.minus(Duration.ofDays(1)),
            Duration.ofMinutes(6)).ended("Failed", "Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 2")
        .task("train", "notebook-train").result("model-sha256", SHA_C).result("data-source", "synthetic").done()
        .task("gate", "accuracy-gate").failed("Failed").result("verdict", "FAIL").result("accuracy", "0.97")
        .result("recall", "0.62").result("precision", "0.88").result("f1", "0.73").result("rows", "5000")
        .result("failed-clauses", "recall >= 0.8 (recall = 0.62)").done().createIn(client);
    // not a training pipeline: not shown
    new Run(ns, "trustyai-upgrade-1", "trustyai-upgrade", "fraud-detection").createIn(client);

    LaunchResult run = launcher.launch("status", "-n", ns, "--output", "json");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode status = Json.mapper().readTree(run.getOutput());
    assertThat(status.path("models")).hasSize(2);
    JsonNode anomaly = pipeline(status, "anomaly-detector", "model-retraining");
    assertThat(anomaly.path("latest").path("name").asText()).isEqualTo("anomaly-detector-retraining-now");
    assertThat(anomaly.path("latest").path("outcome").asText()).isEqualTo("Running");
    assertThat(anomaly.path("latest").path("durationSeconds").asLong()).isBetween(1790L, 1900L);
    JsonNode window = anomaly.path("window");
    assertThat(window.path("runs").asInt()).isEqualTo(4);
    assertThat(window.path("succeeded").asInt()).isEqualTo(1);
    assertThat(window.path("failed").asInt()).isEqualTo(1);
    assertThat(window.path("timedOut").asInt()).isEqualTo(1);
    assertThat(window.path("running").asInt()).isEqualTo(1);
    assertThat(window.path("successRate").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(window.path("medianDurationSeconds").asLong()).isEqualTo(20 * 60);
    // the running run trained nothing yet; the deployed model is the one the last validated run checked
    assertThat(anomaly.path("trainedSha256").asText()).isEmpty();
    assertThat(anomaly.path("deployedSha256").asText()).isEqualTo(SHA_A);
    assertThat(anomaly.path("deployedBy").asText()).isEqualTo("anomaly-detector-retraining-ok");

    JsonNode fraud = pipeline(status, "fraud-detection", "pr-model-gate");
    JsonNode latest = fraud.path("latest");
    assertThat(latest.path("name").asText()).isEqualTo("pr-42-gate");
    assertThat(latest.path("outcome").asText()).isEqualTo("Failed");
    assertThat(latest.path("failedTask").asText()).isEqualTo("gate");
    assertThat(latest.path("dataSource").asText()).isEqualTo("synthetic");
    assertThat(latest.path("gate").path("verdict").asText()).isEqualTo("FAIL");
    assertThat(latest.path("gate").path("figures").path("recall").asText()).isEqualTo("0.62");
    assertThat(latest.path("gate").path("figures").path("rows").asText()).isEqualTo("5000");
    assertThat(latest.path("gate").path("failedClauses").asText()).isEqualTo("recall >= 0.8 (recall = 0.62)");
    assertThat(fraud.path("trainedSha256").asText()).isEqualTo(SHA_C);
    // deployed: pr-41's model, its sha from its train TaskRun (the PipelineRun publishes none)
    assertThat(fraud.path("deployedSha256").asText()).isEqualTo(SHA_B);
    assertThat(fraud.path("window").path("successRate").asDouble()).isEqualTo(0.5);
    // two runs ended: the median is their mean, 8 and 6 minutes
    assertThat(fraud.path("window").path("medianDurationSeconds").asLong()).isEqualTo(7 * 60);

    LaunchResult table = launcher.launch("status", "-n", ns);
    assertThat(table.exitCode()).as(table.getErrorOutput()).isZero();
    assertThat(table.getOutput())
        .containsPattern("anomaly-detector +model-retraining +anomaly-detector-retraining-now +Running .* "
            + "prometheus 168h +- +- +3f2a9c1b0d4e")
        .containsPattern("fraud-detection +pr-model-gate +pr-42-gate +Failed at gate .* synthetic +FAIL accuracy "
            + "0.97 precision 0.88 recall 0.62 f1 0.73 +9e8d7c6b5a49 +0a1b2c3d4e5f")
        .containsPattern("anomaly-detector +model-retraining +4 +1 +1 +1 +0 +1 +33% +20m00s")
        .contains("fraud-detection pr-42-gate: gate failed: recall >= 0.8 (recall = 0.62)")
        .doesNotContain("trustyai-upgrade").doesNotContain("retraining-old");
  }

  @Test
  void sinceAndModelNarrowWhatIsShown(QuarkusMainLauncher launcher) throws Exception {
    Instant now = Instant.now();
    retraining("anomaly-detector-retraining-a", now.minus(Duration.ofDays(10)), Duration.ofMinutes(10))
        .createIn(client);
    retraining("anomaly-detector-retraining-b", now.minus(Duration.ofDays(2)), Duration.ofMinutes(30))
        .ended("Failed", "Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1").createIn(client);
    // no Tekton labels: the pipeline from pipelineRef, the model from the model-name param
    new Run(ns, "predictive-analytics-retraining-a", "model-retraining", "predictive-analytics").unlabelled()
        .started(now.minus(Duration.ofDays(1)), Duration.ofMinutes(40)).createIn(client);

    LaunchResult week = launcher.launch("status", "-n", ns, "--since", "1w", "--model", "anomaly-detector", "-o",
        "json");

    assertThat(week.exitCode()).as(week.getErrorOutput()).isZero();
    JsonNode status = Json.mapper().readTree(week.getOutput());
    assertThat(status.path("models")).hasSize(1);
    JsonNode window = pipeline(status, "anomaly-detector", "model-retraining").path("window");
    assertThat(window.path("runs").asInt()).isEqualTo(1);
    assertThat(window.path("successRate").asDouble()).isZero();
    assertThat(status.path("sinceSeconds").asLong()).isEqualTo(7 * 86400);

    LaunchResult all = launcher.launch("status", "-n", ns, "-o", "json");
    JsonNode everything = Json.mapper().readTree(all.getOutput());
    assertThat(pipeline(everything, "anomaly-detector", "model-retraining").path("window").path("successRate")
        .asDouble()).isEqualTo(0.5);
    assertThat(pipeline(everything, "predictive-analytics", "model-retraining").path("window").path("runs").asInt())
        .isEqualTo(1);
  }

  @Test
  void cronJobsShowTheirScheduleAndNextRunInTheirTimeZone(QuarkusMainLauncher launcher) throws Exception {
    Instant now = Instant.now();
    ZonedDateTime utcNow = now.atZone(ZoneOffset.UTC);
    ZonedDateTime lastSunday = utcNow.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
        .truncatedTo(ChronoUnit.DAYS).withHour(2);
    var batch = client.batch().v1().cronjobs().inNamespace(ns);
    batch.resource(TektonRuns.cronJob(ns, "anomaly-detector", "0 2 * * 0", "Etc/UTC", false,
        lastSunday.toInstant(), lastSunday.plusMinutes(1).toInstant())).create();
    batch.resource(TektonRuns.cronJob(ns, "predictive-analytics", "0 3 * * 0", "America/New_York", true, null,
        null)).create();
    batch.resource(TektonRuns.cronJob(ns, "broken", "0 2 * * 7", null, false, null, null)).create();
    // another team's CronJob, without the retraining label: not shown
    batch.resource(new io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder(TektonRuns.cronJob(ns, "gpu-check",
        "*/5 * * * *", null, false, null, null)).editMetadata().withLabels(java.util.Map.of("app", "gpu"))
        .endMetadata().build()).create();

    LaunchResult run = launcher.launch("status", "-n", ns, "-o", "json");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode crons = Json.mapper().readTree(run.getOutput()).path("cronJobs");
    assertThat(crons).hasSize(3);
    JsonNode anomaly = cron(crons, "anomaly-detector-retraining");
    // the command reads its own clock: a run that straddles Sunday 02:00 UTC may see either side of it
    Instant nextRun = OffsetDateTime.parse(anomaly.path("nextRun").asText()).toInstant();
    assertThat(nextRun).isIn(nextSundayTwoUtc(now), nextSundayTwoUtc(Instant.now()));
    assertThat(anomaly.path("model").asText()).isEqualTo("anomaly-detector");
    assertThat(anomaly.path("schedule").asText()).isEqualTo("0 2 * * 0");
    assertThat(anomaly.path("timeZone").asText()).isEqualTo("Etc/UTC");
    assertThat(anomaly.path("suspended").asBoolean()).isFalse();
    assertThat(Instant.parse(anomaly.path("lastScheduleTime").asText())).isEqualTo(lastSunday.toInstant());
    assertThat(Instant.parse(anomaly.path("lastSuccessfulTime").asText()))
        .isEqualTo(lastSunday.plusMinutes(1).toInstant());
    JsonNode suspended = cron(crons, "predictive-analytics-retraining");
    assertThat(suspended.path("suspended").asBoolean()).isTrue();
    assertThat(suspended.path("nextRun").isNull()).isTrue();
    JsonNode broken = cron(crons, "broken-retraining");
    assertThat(broken.path("timeZone").asText()).isEqualTo("UTC");
    assertThat(broken.path("timeZoneGiven").asBoolean()).isFalse();
    assertThat(broken.path("problem").asText()).contains("end of range (7) above maximum (6)");

    LaunchResult table = launcher.launch("status", "-n", ns);
    assertThat(table.getOutput()).contains("No runs of the training pipelines.")
        .containsPattern("anomaly-detector-retraining +anomaly-detector +0 2 \\* \\* 0 +Etc/UTC +no +\\S+ \\S+ +\\S+ "
            + "\\S+ +" + nextRun.atZone(ZoneOffset.UTC).toLocalDate() + " 02:00 Etc/UTC \\(in ")
        .containsPattern("predictive-analytics-retraining +predictive-analytics +0 3 \\* \\* 0 +America/New_York "
            + "+yes +- +- +suspended")
        .contains("broken-retraining: schedule '0 2 * * 7': end of range (7) above maximum (6)")
        .doesNotContain("gpu-check");
  }

  @Test
  void allNamespacesKeepsTheSameModelApartPerNamespace(QuarkusMainLauncher launcher) throws Exception {
    String other = ns + "-staging";
    Instant now = Instant.now();
    retraining("anomaly-detector-retraining-prod", now.minus(Duration.ofDays(1)), Duration.ofMinutes(10))
        .createIn(client);
    new Run(other, "anomaly-detector-retraining-stg", "model-retraining", "anomaly-detector")
        .started(now.minus(Duration.ofDays(1)), Duration.ofMinutes(20))
        .ended("Failed", "Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1").createIn(client);
    client.batch().v1().cronjobs().inNamespace(other).resource(TektonRuns.cronJob(other, "anomaly-detector",
        "0 2 * * 0", "Etc/UTC", false, null, null)).create();

    LaunchResult run = launcher.launch("status", "--all-namespaces");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).contains("all namespaces")
        .containsPattern(ns + "/anomaly-detector +model-retraining +anomaly-detector-retraining-prod +Succeeded")
        .containsPattern(other + "/anomaly-detector +model-retraining +anomaly-detector-retraining-stg +Failed")
        .containsPattern(other + "/anomaly-detector-retraining +anomaly-detector +0 2 \\* \\* 0");
  }

  @Test
  void everyPageOfALongListIsRead(QuarkusMainLauncher launcher) {
    Instant now = Instant.now();
    var first = retraining("anomaly-detector-retraining-p1", now.minus(Duration.ofDays(3)), Duration.ofMinutes(10))
        .pipelineRun();
    var second = retraining("anomaly-detector-retraining-p2", now.minus(Duration.ofDays(2)), Duration.ofMinutes(30))
        .ended("Failed", "Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1").pipelineRun();
    String base = "/apis/tekton.dev/v1/namespaces/" + ns + "/pipelineruns?";
    server.expect().get().withPath(base + "limit=500").andReturn(200, page(first, "next-page")).once();
    server.expect().get().withPath(base + "continue=next-page&limit=500").andReturn(200, page(second, null)).once();
    server.expect().get().withPath(base + "limit=500&continue=next-page").andReturn(200, page(second, null)).once();

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(run.getOutput()).contains("anomaly-detector-retraining-p2")
        .containsPattern("anomaly-detector +model-retraining +2 +1 +1 +0 +0 +0 +50% +20m00s");
  }

  @Test
  void aForbiddenListIsOneLineAndExitTwo(QuarkusMainLauncher launcher) {
    server.expect().get().withPath("/apis/tekton.dev/v1/namespaces/" + ns + "/pipelineruns?limit=500")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
            + "\"code\":403,\"message\":\"pipelineruns.tekton.dev is forbidden: User \\\"alice\\\" cannot list "
            + "resource \\\"pipelineruns\\\" in API group \\\"tekton.dev\\\" in the namespace \\\"" + ns + "\\\"\"}")
        .always();

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput().strip().lines()).hasSize(1);
    assertThat(run.getErrorOutput()).contains("forbidden (HTTP 403)").contains("cannot list resource")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.getOutput()).isEmpty();
  }

  @Test
  void aClusterWithoutTektonIsExitFourSayingSo(QuarkusMainLauncher launcher) {
    server.expect().get().withPath("/apis/tekton.dev/v1/namespaces/" + ns + "/pipelineruns?limit=500")
        .andReturn(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\","
            + "\"code\":404}").always();

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput().strip().lines()).hasSize(1);
    assertThat(run.getErrorOutput()).contains("does not serve tekton.dev/v1 pipelineruns (HTTP 404)")
        .contains("is Tekton Pipelines");
  }

  @Test
  void anUnreachableApiServerIsOneLineAndExitFour(QuarkusMainLauncher launcher) throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    System.setProperty("kubernetes.master", "https://127.0.0.1:" + closed);

    LaunchResult run = launcher.launch("status", "-n", ns);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput().strip().lines()).hasSize(1);
    assertThat(run.getErrorOutput()).contains("cannot reach the Kubernetes API server: connection refused");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--since=5y               | '5y' is not a window",
      "--since=0d               | give a positive duration",
      "--output=xml             | Invalid value for option '--output'",
      "--namespace=../secrets   | is not a valid name",
      "--all-namespaces         | give --namespace or --all-namespaces, not both",
      "--kubeconfig=/no/such/kc | --kubeconfig /no/such/kc does not exist",
  })
  void badOptionsAreExitTwoBeforeAnyRequest(String option, String message, QuarkusMainLauncher launcher) {
    int before = server.getRequestCount();

    LaunchResult run = option.startsWith("--namespace") ? launcher.launch("status", option)
        : launcher.launch("status", "-n", ns, option);

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains(message);
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  @Test
  void theHtmlPageEscapesWhatTheClusterSays(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
    new Run(ns, "hostile-1", "model-retraining", "<img src=x onerror=alert(1)>").unlabelled()
        .started(Instant.now().minus(Duration.ofHours(3)), Duration.ofMinutes(5)).createIn(client);
    client.batch().v1().cronjobs().inNamespace(ns).resource(TektonRuns.cronJob(ns, "anomaly-detector",
        "@weekly", "Etc/UTC", false, null, null)).create();
    Path page = dir.resolve("out/status.html");

    LaunchResult run = launcher.launch("status", "-n", ns, "--html", page.toString(), "-o", "html");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<section id=\"training-status\">")
        .contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img")
        .contains("<code>hostile-1</code>").contains("<code>@weekly</code>")
        .contains("body{font-family:system-ui");
    assertThat(run.getOutput().strip()).isEqualTo(html.strip());
  }

  private Run retraining(String name, Instant start, Duration took) {
    return new Run(ns, name, "model-retraining", "anomaly-detector").started(start, took)
        .param("data-source", "prometheus").param("training-hours", "168");
  }

  private static String page(io.fabric8.kubernetes.api.model.GenericKubernetesResource item, String next) {
    var list = Json.mapper().createObjectNode().put("apiVersion", "tekton.dev/v1").put("kind", "PipelineRunList");
    var meta = list.putObject("metadata").put("resourceVersion", "42");
    if (next != null) {
      meta.put("continue", next).put("remainingItemCount", 1);
    }
    list.putArray("items").add(Json.mapper().valueToTree(item));
    return list.toString();
  }

  private static JsonNode pipeline(JsonNode status, String model, String pipeline) {
    for (JsonNode m : status.path("models")) {
      if (m.path("model").asText().equals(model)) {
        for (JsonNode p : m.path("pipelines")) {
          if (p.path("pipeline").asText().equals(pipeline)) {
            return p;
          }
        }
      }
    }
    throw new AssertionError("no " + model + "/" + pipeline + " in " + status.toPrettyString());
  }

  private static JsonNode cron(JsonNode crons, String name) {
    for (JsonNode c : crons) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no CronJob " + name + " in " + crons.toPrettyString());
  }

  /** When "0 2 * * 0" in UTC fires next after {@code now}. */
  private static Instant nextSundayTwoUtc(Instant now) {
    ZonedDateTime utcNow = now.atZone(ZoneOffset.UTC);
    ZonedDateTime next = utcNow.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).truncatedTo(ChronoUnit.DAYS)
        .withHour(2);
    return next.isAfter(utcNow) ? next.toInstant() : next.plusWeeks(1).toInstant();
  }
}
