package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real Pushgateway (Debian prometheus-pushgateway), when the gate fails on main, then the gateway holds the
 * series the AccuracyGateFailedOnDefaultBranch alert reads, and the next passing run of that model and branch
 * replaces them.
 */
@QuarkusMainTest
class PushgatewayIT {
  static Process gateway;
  static String url;
  @TempDir Path results;

  @BeforeAll
  static void startGateway() throws Exception {
    int port = freePort();
    url = "http://127.0.0.1:" + port;
    Path log = Files.createTempFile("pushgateway", ".log");
    gateway = new ProcessBuilder("prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertThat(gateway.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(Instant.now()).as("pushgateway listening within 20 s").isBefore(deadline);
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.destroy();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  LaunchResult gate(QuarkusMainLauncher launcher, String data, String pushgateway, String threshold) {
    return launcher.launch("--data", data, "--label-column", "Class", "--positive-label", "1",
        "--prediction-column", "prediction", "--threshold", threshold, "--results-dir", results.toString(),
        "--pushgateway-url", pushgateway, "--pushgateway-label", "model=fraud-detection",
        "--pushgateway-label", "branch=main", "--http-retries", "0");
  }

  @Test
  void aFailOnMainIsPushedAndTheNextPassOfTheSameModelReplacesIt(QuarkusMainLauncher launcher) throws Exception {
    LaunchResult fail = gate(launcher, fixture("always-negative.csv"), url, "accuracy >= 0.99 && recall >= 0.8");

    assertThat(fail.exitCode()).as(fail.getErrorOutput()).isEqualTo(3);
    String group = "branch=\"main\",instance=\"\",job=\"accuracy-gate\",model=\"fraud-detection\"";
    assertThat(scrape()).contains("accuracy_gate_failed{" + group + "} 1")
        .contains("accuracy_gate_failed_clauses{" + group + "} 1")
        .contains("accuracy_gate_verdict{" + group + ",verdict=\"FAIL\"} 1")
        .contains("accuracy_gate_figure{" + group.replace("branch=\"main\",", "branch=\"main\",figure=\"recall\",")
            + "} 0")
        .contains("push_time_seconds{" + group + "}");

    LaunchResult pass = gate(launcher, fixture("fraud-imbalanced.csv"), url, "recall >= 0.8");

    assertThat(pass.exitCode()).as(pass.getErrorOutput()).isZero();
    assertThat(scrape()).contains("accuracy_gate_failed{" + group + "} 0")
        .contains("accuracy_gate_verdict{" + group + ",verdict=\"PASS\"} 1")
        .doesNotContain("verdict=\"FAIL\"")
        .contains("accuracy_gate_figure{" + group.replace("branch=\"main\",", "branch=\"main\",figure=\"recall\",")
            + "} 0.875");
  }

  @Test
  void aGatewayDownFailsAPassingGateWith4ButLeavesAFailingGatesExit3(QuarkusMainLauncher launcher)
      throws Exception {
    String down = "http://127.0.0.1:" + freePort();

    LaunchResult pass = gate(launcher, fixture("fraud-imbalanced.csv"), down, "recall >= 0.8");
    assertThat(pass.exitCode()).as(pass.getErrorOutput()).isEqualTo(4);
    assertThat(pass.getErrorOutput()).contains("connection refused");
    assertThat(results.resolve("verdict")).hasContent("PASS");

    LaunchResult fail = gate(launcher, fixture("always-negative.csv"), down, "recall >= 0.8");
    assertThat(fail.exitCode()).as(fail.getErrorOutput()).isEqualTo(3);
    assertThat(fail.getErrorOutput()).contains("connection refused").contains("below threshold: recall >= 0.8");
  }
}
