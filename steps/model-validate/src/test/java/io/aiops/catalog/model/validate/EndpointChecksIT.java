package io.aiops.catalog.model.validate;

import static io.aiops.catalog.model.validate.ModelServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a real scikit-learn model served over v1/v2 (healthy or with a classic fault), model-validate judges it. */
@QuarkusMainTest
class EndpointChecksIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path results;
  @TempDir Path reports;

  LaunchResult validate(QuarkusMainLauncher launcher, ModelServer server, String... more) {
    List<String> args = new ArrayList<>(List.of("--url", server.url(), "--model-name", "iris",
        "--results-dir", results.toString(), "--report-dir", reports.toString(), "--http-retries", "0"));
    args.addAll(List.of(more));
    return launcher.launch(args.toArray(String[]::new));
  }

  String result(String name) throws IOException {
    return Files.readString(results.resolve(name));
  }

  @Test
  void healthyV2ModelPassesWithExpectedPredictionsAndLatencyFigures(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--expect",
          fixture("iris-expected.json"), "--load-requests", "300", "--concurrency", "4", "--max-p95-ms", "2000");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("checking v2 model iris").contains("all 10 prediction(s) as expected")
          .contains("p95");
      assertThat(result("verdict")).isEqualTo("PASS");
      assertThat(Double.parseDouble(result("p95-ms"))).isPositive();
      assertThat(result("error-rate")).isEqualTo("0.0000");
      JsonNode summary = JSON.readTree(reports.resolve("summary.json").toFile());
      assertThat(summary.at("/figures/load/requests").asLong()).isEqualTo(300);
      assertThat(summary.at("/figures/load/statusCodes/200").asLong()).isEqualTo(300);
      assertThat(summary.at("/figures/load/latencyMs/p99").asDouble())
          .isGreaterThanOrEqualTo(summary.at("/figures/load/latencyMs/p50").asDouble());
    }
  }

  @Test
  void v2WithoutSampleBuildsThePayloadFromTheModelsMetadata(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, server, "--protocol", "v2");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("input input-0 FP64 shape [-1, 4]")
          .contains("1 row(s) from the model's v2 metadata (4 x FP64) -> 1 prediction(s)");
    }
  }

  @Test
  void healthyV1ModelPassesWithAJsonSample(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, server, "--protocol", "v1", "--sample", fixture("iris-sample.json"),
          "--expect", fixture("iris-expected.json"));

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("v1 model iris is ready").contains("all 10 prediction(s)");
      assertThat(result("verdict")).isEqualTo("PASS");
      assertThat(result("p95-ms")).isEmpty();
    }
  }

  @Test
  void modelServedUnderTheDefaultNameFailsOnBothProtocols(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "default-name")) {
      for (String protocol : List.of("v1", "v2")) {
        LaunchResult run = validate(launcher, server, "--protocol", protocol, "--sample", fixture("iris-sample.csv"));

        assertThat(run.exitCode()).as(protocol + ": " + run.getErrorOutput()).isEqualTo(3);
        assertThat(run.getErrorOutput()).contains("served under the default name \"model\" instead of \"iris\"");
        assertThat(result("verdict")).isEqualTo("FAIL");
      }
    }
  }

  @Test
  void wrongInputWidthFailsBeforeSendingOnV2AndWithTheServersWordsOnV1(QuarkusMainLauncher launcher)
      throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult v2 = validate(launcher, server, "--protocol", "v2", "--sample", fixture("iris-3-features.csv"));
      assertThat(v2.exitCode()).as(v2.getErrorOutput()).isEqualTo(3);
      assertThat(v2.getErrorOutput()).contains("wrong input width: the sample has 3 feature(s) a row, the "
          + "model's metadata declares 4");

      LaunchResult v1 = validate(launcher, server, "--protocol", "v1", "--sample", fixture("iris-3-features.csv"));
      assertThat(v1.exitCode()).as(v1.getErrorOutput()).isEqualTo(3);
      assertThat(v1.getErrorOutput()).contains("HTTP 400").contains("X has 3 features, but LogisticRegression is "
          + "expecting 4 features");
    }
  }

  @Test
  void nullPredictionsFail(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "null")) {
      for (String protocol : List.of("v1", "v2")) {
        LaunchResult run = validate(launcher, server, "--protocol", protocol, "--sample", fixture("iris-sample.csv"));
        assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isEqualTo(3);
        assertThat(run.getErrorOutput()).contains("null prediction");
      }
    }
  }

  @Test
  void wronglyShapedPredictionsFail(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "wrong-shape")) {
      LaunchResult v1 = validate(launcher, server, "--protocol", "v1", "--sample", fixture("iris-sample.csv"));
      assertThat(v1.exitCode()).as(v1.getErrorOutput()).isEqualTo(3);
      assertThat(v1.getErrorOutput()).contains("wrongly shaped predictions: 10 row(s) sent, got 9 prediction(s)");

      LaunchResult v2 = validate(launcher, server, "--protocol", "v2", "--sample", fixture("iris-sample.csv"));
      assertThat(v2.exitCode()).as(v2.getErrorOutput()).isEqualTo(3);
      assertThat(v2.getErrorOutput()).contains("wrongly shaped output: 10 row(s) sent, got shape [9]");
    }
  }

  @Test
  void serverErrorsFailThePredictCheckAndSkipTheLoad(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "error500")) {
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--load-requests", "50");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isEqualTo(3);
      assertThat(run.getErrorOutput()).contains("HTTP 500").contains("model crashed").contains("no load test");
    }
  }

  @Test
  void unexpectedPredictionsFailNamingTheFirstRow(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--expect",
          fixture("iris-expected-wrong.json"));

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isEqualTo(3);
      assertThat(run.getErrorOutput()).contains("1 of 10 prediction(s) differ; first at row 3: got 1, expected 2");
    }
  }

  @Test
  void slowEndpointBreaksTheP95Bound(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "slow", "--delay-ms", "120")) {
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--load-requests", "40",
          "--concurrency", "4", "--max-p95-ms", "50");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isEqualTo(3);
      assertThat(run.getErrorOutput()).contains("over --max-p95-ms 50.0");
      assertThat(Double.parseDouble(result("p95-ms"))).isGreaterThan(120);
      assertThat(result("verdict")).isEqualTo("FAIL");
    }
  }

  @Test
  void sweepReportsTheHighestConcurrencyWithinTheBoundAndWritesTheCurve(QuarkusMainLauncher launcher)
      throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--fault", "slow", "--delay-ms", "40")) {
      // 40 ms a request on a threaded server: p95 stays near 40 ms until the 2 cores saturate
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--load-requests", "40",
          "--concurrency", "1", "--max-p95-ms", "1000", "--sweep", "--sweep-max-concurrency", "4");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("highest load within p95 <= 1000.0 ms: concurrency 4");
      JsonNode curve = JSON.readTree(reports.resolve("sweep.json").toFile());
      assertThat(curve).hasSize(3);
      assertThat(curve.get(2).get("concurrency").asInt()).isEqualTo(4);
      assertThat(curve.get(2).get("throughputPerSecond").asDouble())
          .isGreaterThan(curve.get(0).get("throughputPerSecond").asDouble());
    }
  }

  @Test
  void targetRateIsReportedBesideTheAchievedRate(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, server, "--sample", fixture("iris-sample.csv"), "--load-duration", "2s",
          "--rate", "50", "--concurrency", "4");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
      JsonNode load = JSON.readTree(reports.resolve("summary.json").toFile()).at("/figures/load");
      assertThat(load.get("targetRatePerSecond").asDouble()).isEqualTo(50.0);
      // never above the rate asked; below it only by what a loaded machine drops at the deadline (a 1 s stall of
      // the Python server at most): the bounds are about pacing, not about this machine's speed
      assertThat(load.get("achievedRatePerSecond").asDouble()).isBetween(25.0, 55.0);
      assertThat(load.get("requests").asLong()).isBetween(50L, 101L);
    }
  }

  @Test
  void shadowComparisonFailsWhenTheCandidateDisagreesWithProduction(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer candidate = ModelServer.start("--name", "iris", "--fault", "other-model");
        ModelServer production = ModelServer.start("--name", "iris")) {
      LaunchResult run = validate(launcher, candidate, "--sample", fixture("iris-sample.csv"), "--compare-url",
          production.url(), "--min-agreement", "0.9", "--load-requests", "40");

      assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isEqualTo(3);
      assertThat(run.getErrorOutput()).contains("under --min-agreement 0.9").contains("p95 candidate");
      JsonNode compare = JSON.readTree(reports.resolve("summary.json").toFile()).at("/figures/compare");
      assertThat(compare.get("agreement").asDouble()).isLessThan(0.9);
      assertThat(compare.has("p95DifferenceMs")).isTrue();
    }
  }

  @Test
  void modelStillLoadingIsWaitedForWithBackoffThenChecked(QuarkusMainLauncher launcher) throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--loading-requests", "3")) {
      LaunchResult run = validate(launcher, server, "--protocol", "v2", "--ready-timeout", "60s");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
      assertThat(run.getErrorOutput()).contains("model iris is loading (HTTP 503): waiting up to 60s")
          .contains("PASS  endpoint/predict");
    }
  }

  @Test
  void connectionRefusedIsAnErrorNotAPass(QuarkusMainLauncher launcher) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    LaunchResult run = launcher.launch("--url", "http://127.0.0.1:" + port, "--model-name", "iris",
        "--http-retries", "0", "--results-dir", results.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains("ERROR endpoint").contains("connection refused")
        .doesNotContain("Exception");
    assertThat(result("verdict")).isEqualTo("ERROR");
  }

  @Test
  void modelFilesAreCheckedAgainstTheTrainedSha256(QuarkusMainLauncher launcher, @TempDir Path models)
      throws Exception {
    try (ModelServer server = ModelServer.start("--name", "iris", "--model-dir", models.toString())) {
      String sha = ModelFilesCheck.sha256(models.resolve("model.pkl"));
      LaunchResult good = validate(launcher, server, "--model-dir", models.toString(), "--model-file", "model.pkl",
          "--expected-sha256", sha, "--min-model-bytes", "100");
      assertThat(good.exitCode()).as(good.getErrorOutput()).isZero();
      assertThat(good.getErrorOutput()).contains("model.pkl sha256 " + sha + " as expected");

      LaunchResult bad = validate(launcher, server, "--model-dir", models.toString(), "--expected-sha256",
          "0".repeat(64), "--min-model-bytes", "100");
      assertThat(bad.exitCode()).isEqualTo(3);
      assertThat(bad.getErrorOutput()).contains("the served model is not the one trained");

      LaunchResult tiny = validate(launcher, server, "--model-dir", models.toString(), "--min-model-bytes",
          "1000000");
      assertThat(tiny.exitCode()).isEqualTo(3);
      assertThat(tiny.getErrorOutput()).contains("trivially small");
    }
  }
}
