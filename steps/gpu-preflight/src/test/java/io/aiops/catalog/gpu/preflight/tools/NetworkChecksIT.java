package io.aiops.catalog.gpu.preflight.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.testing.LocalProcesses;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 'check' with real ping and a real iperf3 server (Debian packages iputils-ping, iperf3) on loopback; and the GPU
 * checks on a machine without NVIDIA tools, which must say so and never pass.
 */
@QuarkusMainTest
class NetworkChecksIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static Process server;
  static int port;

  @BeforeAll
  static void startIperf3Server() throws Exception {
    port = LocalProcesses.freePort();
    Path log = Files.createTempFile("iperf3-server", ".log");
    server = LocalProcesses.startListening(List.of("iperf3", "-s", "-B", "127.0.0.1", "-p", Integer.toString(port)),
        port, log);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.destroy();
    }
  }

  static List<JsonNode> findings(LaunchResult run, String check) throws IOException {
    JsonNode report = JSON.readTree(run.getOutput());
    List<JsonNode> out = new java.util.ArrayList<>();
    report.get("findings").forEach(f -> {
      if (f.get("check").asText().equals(check)) {
        out.add(f);
      }
    });
    return out;
  }

  @Test
  void loopbackPeerPassesPingAndIperf3WithAMeasuredThroughput(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = launcher.launch("check", "--node=it", "--checks=ping,iperf3", "--peers=127.0.0.1",
        "--plane=mgmt", "--iperf-port=" + port, "--iperf-duration=1s", "--format=json");
    assertThat(run.exitCode()).as(run.getErrorOutput() + run.getOutput()).isZero();
    assertThat(findings(run, "ping")).singleElement().satisfies(f -> assertThat(f.get("status").asText()).isEqualTo("PASS"));
    assertThat(findings(run, "iperf3")).singleElement().satisfies(f -> {
      assertThat(f.get("status").asText()).isEqualTo("PASS");
      assertThat(f.get("value").asDouble()).isPositive();
      assertThat(f.get("gpu").asText()).isEqualTo("127.0.0.1:" + port);
    });
  }

  @Test
  void noServerOnThePortFailsIperf3ThoughIperf3ExitsZero(QuarkusMainLauncher launcher) throws IOException {
    int closed = LocalProcesses.freePort();
    LaunchResult run = launcher.launch("check", "--node=it", "--checks=iperf3", "--peers=127.0.0.1", "--plane=mgmt",
        "--iperf-port=" + closed, "--iperf-duration=1s", "--format=json");
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(findings(run, "iperf3")).singleElement().satisfies(f -> {
      assertThat(f.get("status").asText()).isEqualTo("FAIL");
      assertThat(f.get("reason").asText()).contains("unable to connect to server");
    });
  }

  @Test
  void anUnreachablePeerFailsPingWithinItsTimeoutInsteadOfHanging(QuarkusMainLauncher launcher) throws IOException {
    long start = System.nanoTime();
    // 240.0.0.1 is reserved (class E, RFC 1112): nothing answers it (TEST-NET 192.0.2.1 did answer in one sandbox)
    LaunchResult run = launcher.launch("check", "--node=it", "--checks=ping", "--peers=240.0.0.1,no-such-host.invalid",
        "--ping-timeout=1s", "--format=json");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(run.exitCode()).as(run.getErrorOutput()).isIn(3, 4);
    assertThat(findings(run, "ping")).hasSize(2).allSatisfy(f -> {
      assertThat(f.get("status").asText()).isIn("FAIL", "ERROR");
      assertThat(f.get("reason").asText()).isNotBlank();
    });
  }

  @Test
  void withoutNvidiaToolsEveryGpuCheckIsAnErrorThatSaysWhatIsMissing(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult run = launcher.launch("check", "--node=it", "--checks=inventory,remapped,dcgm,pciebw", "--format=json");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(findings(run, "inventory")).isNotEmpty().allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("ERROR"));
    assertThat(findings(run, "remapped")).singleElement().satisfies(f ->
        assertThat(f.get("reason").asText()).isEqualTo("nvidia-smi is not installed in this image (or not on PATH)"));
    assertThat(findings(run, "dcgm")).singleElement().satisfies(f ->
        assertThat(f.get("reason").asText()).contains("dcgmi is not installed"));
    assertThat(run.getOutput()).doesNotContain("\"PASS\"");
  }
}
