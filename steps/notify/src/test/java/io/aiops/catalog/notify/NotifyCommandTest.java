package io.aiops.catalog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiops.catalog.notify.Receiver.Answer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real local receiver answering like Slack, a JSON webhook or GitHub would (and like they do when they are
 * down, slow or rate-limiting), when notify runs, then the receiver got the message, the run exits 0 whatever
 * happened, and the secret URL is nowhere in the log, the results or the artifacts.
 */
@QuarkusMainTest
class NotifyCommandTest {
  static final String SLACK_PATH = "/services/T0AIOPS/B0NOTIFY/s3cr3tW3bh00kT0k3n";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path secret;
  @TempDir Path results;
  @TempDir Path artifacts;

  static Path fixture(String name) {
    try {
      return Path.of(NotifyCommandTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  LaunchResult notify(QuarkusMainLauncher launcher, String... extra) {
    List<String> given = List.of(extra);
    List<String> args = new ArrayList<>(List.of("--pipeline", "model-retraining",
        "--pipeline-run", "anomaly-detector-retraining-x7k2p", "--namespace", "models", "--details-url", "https://console.example.com/pipelines/ns/models/pipeline-runs/x7k2p",
        "--secret-dir", secret.toString(), "--results-dir", results.toString(),
        "--artifacts-dir", artifacts.toString()));
    if (!given.contains("--status")) {
      args.addAll(List.of("--status", "Failed"));
    }
    if (!given.contains("--gate-metrics")) {
      args.addAll(List.of("--gate-metrics", fixture("gate-fail-metrics.json").toString()));
    }
    args.addAll(given);
    return launcher.launch(args.toArray(String[]::new));
  }

  void secretKey(String key, String value) throws IOException {
    Files.writeString(secret.resolve(key), value + "\n");
  }

  String result(String name) throws IOException {
    return Files.readString(results.resolve(name));
  }

  /** Everything the run left behind that a person or a collector could read. */
  String everythingWritten(LaunchResult run) throws IOException {
    StringBuilder all = new StringBuilder(run.getOutput()).append(run.getErrorOutput());
    for (Path dir : List.of(results, artifacts)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          all.append(Files.readString(f));
        }
      }
    }
    return all.toString();
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void slackGetsWhatRanTheVerdictFiguresFailedClausesAndWhereToLookAndTheUrlNeverLeaks(QuarkusMainLauncher launcher)
      throws IOException {
    try (Receiver slack = new Receiver(Answer.of(200, "ok"))) {
      secretKey("slack-webhook-url", slack.url(SLACK_PATH));

      LaunchResult run = notify(launcher);

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(slack.requests).hasSize(1);
      Receiver.Request got = slack.requests.get(0);
      assertThat(got.method()).isEqualTo("POST");
      assertThat(got.path()).isEqualTo(SLACK_PATH);
      assertThat(got.header("Content-Type")).isEqualTo("application/json");
      assertThat(got.header("Authorization")).isNull();
      JsonNode message = JSON.readTree(got.body());
      assertThat(message.path("text").asText())
          .startsWith("model-retraining failed: PipelineRun anomaly-detector-retraining-x7k2p in models. gate FAIL")
          .contains("recall 0").contains("Failed clauses: recall >= 0.8 (recall = 0.0)")
          .contains("Details: https://console.example.com/pipelines/ns/models/pipeline-runs/x7k2p");
      String blocks = message.path("blocks").toString();
      assertThat(blocks).contains(":x: *model-retraining failed*").contains("`anomaly-detector-retraining-x7k2p`")
          .contains("recall &gt;= 0.8 (recall = 0.0)").doesNotContain("recall >= 0.8")
          .contains("<https://console.example.com/pipelines/ns/models/pipeline-runs/x7k2p|Where to look>");
      assertThat(result("delivered")).isEqualTo("slack=sent");
      assertThat(result("message")).isEqualTo(message.path("text").asText());
      assertThat(everythingWritten(run)).doesNotContain("s3cr3tW3bh00kT0k3n").doesNotContain("B0NOTIFY");
    }
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterAndA500WithBackoffUntilAccepted(QuarkusMainLauncher launcher)
      throws IOException {
    try (Receiver slack = new Receiver(new Answer(429, "rate_limited", Map.of("Retry-After", "1"), 0),
        Answer.of(500, "internal_error"), Answer.of(503, ""), Answer.of(200, "ok"))) {
      secretKey("slack-webhook-url", slack.url(SLACK_PATH));

      LaunchResult run = notify(launcher, "--deadline", "30s");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(slack.requests).hasSize(4);
      assertThat(run.getErrorOutput()).contains("slack: HTTP 429 rate_limited (attempt 1), retrying in 1000 ms")
          .contains("slack: HTTP 500 internal_error (attempt 2)").contains("slack: HTTP 503 (attempt 3)")
          .contains("slack: delivered to 127.0.0.1 (HTTP 200, attempt 4)");
      assertThat(result("delivered")).isEqualTo("slack=sent");
      assertThat(everythingWritten(run)).doesNotContain("s3cr3tW3bh00kT0k3n");
    }
  }

  @Test
  void aReceiverThatNeverAnswersIsAWarningAtTheDeadlineNotAFailedRun(QuarkusMainLauncher launcher)
      throws IOException {
    try (Receiver slow = new Receiver(new Answer(200, "ok", Map.of(), 10_000))) {
      secretKey("webhook-url", slow.url("/hooks/" + "s3cr3tW3bh00kT0k3n"));
      long start = System.nanoTime();

      // attempt 2 starts about 0.8 s in (300 ms, then a backoff of 250-500 ms): 3 s leaves room on a slow machine
      LaunchResult run = notify(launcher, "--http-timeout", "300ms", "--deadline", "3s");

      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(slow.requests.size()).isGreaterThanOrEqualTo(2);
      assertThat(run.getErrorOutput()).contains("webhook: no answer within the timeout (attempt 1)")
          .contains("webhook: not delivered to 127.0.0.1 after").contains("gave up at the deadline")
          .contains("The pipeline's outcome is unchanged");
      assertThat(result("delivered")).isEqualTo("webhook=failed");
      assertThat(tookMs).as("the deadline bounds the whole wait").isLessThan(9_000);
      assertThat(everythingWritten(run)).doesNotContain("s3cr3tW3bh00kT0k3n");
    }
  }

  @Test
  void slacksInvalidPayloadIsNotRetriedAndIsReportedAsSuch(QuarkusMainLauncher launcher) throws IOException {
    try (Receiver slack = new Receiver(Answer.of(400, "invalid_payload"))) {
      secretKey("slack-webhook-url", slack.url(SLACK_PATH));

      LaunchResult run = notify(launcher);

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(slack.requests).hasSize(1);
      assertThat(run.getErrorOutput()).contains("slack: not delivered to 127.0.0.1 after 1 attempt(s): HTTP 400 "
          + "invalid_payload (Slack refused the message's JSON");
      assertThat(result("delivered")).isEqualTo("slack=failed");
    }
  }

  @Test
  void aRetryAfterBeyondTheDeadlineGivesUpAtOnce(QuarkusMainLauncher launcher) throws IOException {
    try (Receiver slack = new Receiver(new Answer(429, "rate_limited", Map.of("Retry-After", "120"), 0))) {
      secretKey("slack-webhook-url", slack.url(SLACK_PATH));

      LaunchResult run = notify(launcher, "--deadline", "5s");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(slack.requests).hasSize(1);
      assertThat(run.getErrorOutput()).contains("asked to retry after 120 s, past the deadline");
    }
  }

  @Test
  void aReceiverEchoingTheRequestUrlHasItCutFromTheLog(QuarkusMainLauncher launcher) throws IOException {
    try (Receiver hostile = new Receiver(Answer.of(404, "no route for POST " + SLACK_PATH + "?x=1"))) {
      secretKey("webhook-url", hostile.url(SLACK_PATH));

      LaunchResult run = notify(launcher);

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("HTTP 404 no route for POST [redacted]")
          .contains("update the Secret");
      assertThat(everythingWritten(run)).doesNotContain("s3cr3tW3bh00kT0k3n");
    }
  }

  @Test
  void allThreeChannelsAtOnceAndOneDownDoesNotStopTheOthers(QuarkusMainLauncher launcher) throws IOException {
    try (Receiver webhook = new Receiver(Answer.of(204, ""));
        Receiver github = new Receiver(Answer.of(201, "{\"state\":\"failure\"}"))) {
      secretKey("slack-webhook-url", "http://127.0.0.1:" + closedPort() + SLACK_PATH);
      secretKey("webhook-url", webhook.url("/hooks/team-ml"));
      secretKey("github-token", "ghp_n0tARealT0kenButS3cret");

      LaunchResult run = notify(launcher, "--deadline", "3s", "--github-repo", "acme/fraud-model",
          "--github-sha", "0123456789abcdef0123456789abcdef01234567", "--github-api-url", github.url("/api/v3"),
          "--github-context", "aiops/pr-model-gate");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(result("delivered")).isEqualTo("slack=failed webhook=sent github-status=sent");
      assertThat(run.getErrorOutput()).contains("slack: connection refused");

      JsonNode hook = JSON.readTree(webhook.requests.get(0).body());
      assertThat(hook.path("pipeline").asText()).isEqualTo("model-retraining");
      assertThat(hook.path("status").asText()).isEqualTo("FAILED");
      assertThat(hook.path("succeeded").asBoolean()).isFalse();
      assertThat(hook.path("gate").path("verdict").asText()).isEqualTo("FAIL");
      assertThat(hook.path("gate").path("figures").path("accuracy").asText()).isEqualTo("0.996");
      assertThat(hook.path("gate").path("failedClauses").get(0).asText()).isEqualTo("recall >= 0.8 (recall = 0.0)");

      Receiver.Request status = github.requests.get(0);
      assertThat(status.path()).isEqualTo("/api/v3/repos/acme/fraud-model/statuses/"
          + "0123456789abcdef0123456789abcdef01234567");
      assertThat(status.header("Authorization")).isEqualTo("Bearer ghp_n0tARealT0kenButS3cret");
      assertThat(status.header("Accept")).isEqualTo("application/vnd.github+json");
      JsonNode body = JSON.readTree(status.body());
      assertThat(body.path("state").asText()).isEqualTo("failure");
      assertThat(body.path("context").asText()).isEqualTo("aiops/pr-model-gate");
      assertThat(body.path("target_url").asText()).startsWith("https://console.example.com/");
      assertThat(body.path("description").asText()).startsWith("failed; gate FAIL: accuracy 0.996")
          .hasSizeLessThanOrEqualTo(Messages.GITHUB_DESCRIPTION_MAX);
      assertThat(everythingWritten(run)).doesNotContain("ghp_n0tARealT0kenButS3cret")
          .doesNotContain("s3cr3tW3bh00kT0k3n");
    }
  }

  @Test
  void aPassingRunSaysSoAndAMissingGateReportIsAWarning(QuarkusMainLauncher launcher) throws IOException {
    try (Receiver slack = new Receiver(Answer.of(200, "ok"))) {
      secretKey("slack-webhook-url", slack.url(SLACK_PATH));

      LaunchResult pass = notify(launcher, "--status", "Succeeded", "--gate-metrics",
          fixture("gate-pass-metrics.json").toString());
      assertThat(pass.exitCode()).as(pass.getErrorOutput()).isZero();
      JsonNode message = JSON.readTree(slack.requests.get(0).body());
      assertThat(message.path("text").asText()).startsWith("model-retraining succeeded").contains("gate PASS")
          .doesNotContain("Failed clauses");
      assertThat(message.path("blocks").toString()).contains(":white_check_mark:");

      LaunchResult noGate = notify(launcher, "--status", "Failed", "--gate-metrics",
          secret.resolve("no-such/metrics.json").toString());
      assertThat(noGate.exitCode()).as(noGate.getErrorOutput()).isZero();
      assertThat(noGate.getErrorOutput()).contains("no gate report at");
      assertThat(JSON.readTree(slack.requests.get(1).body()).path("text").asText())
          .isEqualTo("model-retraining failed: PipelineRun anomaly-detector-retraining-x7k2p in models. Details: "
              + "https://console.example.com/pipelines/ns/models/pipeline-runs/x7k2p");
    }
  }

  @Test
  void anEmptySecretIsOffAndABadStatusIsAUsageError(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult off = notify(launcher);
    assertThat(off.exitCode()).as(off.getErrorOutput()).isZero();
    assertThat(off.getErrorOutput()).contains("holds none of slack-webhook-url, webhook-url, github-token");
    assertThat(result("delivered")).isEmpty();

    secretKey("slack-webhook-url", "hooks.slack.com/services/T0/B0/s3cr3tW3bh00kT0k3n");
    LaunchResult badUrl = notify(launcher);
    assertThat(badUrl.exitCode()).isZero();
    assertThat(badUrl.getErrorOutput()).contains("the Secret's slack-webhook-url is not an http(s) URL");
    assertThat(everythingWritten(badUrl)).doesNotContain("s3cr3tW3bh00kT0k3n");

    LaunchResult usage = notify(launcher, "--status", "Maybe");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.getErrorOutput()).contains("--status Maybe is not one of Succeeded, Completed, Failed, None");
  }
}
