package io.aiops.catalog.gpu.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No API server where the configuration points: the step says so at once (the retry settings every step shares
 * from step-common, not fabric8's 10 retries over 21-25 s), with the cause and a fix, exit 4, without --verbose.
 */
@QuarkusMainTest
class ApiServerDownTest {
  @BeforeAll
  static void pointAtAClosedPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    System.setProperty("kubernetes.master", "https://127.0.0.1:" + port);
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.namespace", "test");
    System.clearProperty("kubernetes.request.retry.backoffLimit"); // other tests set 0: the shared default is tested
  }

  @AfterAll
  static void clear() {
    System.clearProperty("kubernetes.master");
  }

  @Test
  void aClosedPortIsExit4InSecondsWithTheCauseAndAHint(QuarkusMainLauncher launcher) {
    launcher.launch("--version"); // the first launch builds the app: not part of the wait measured
    long start = System.nanoTime();
    LaunchResult run = launcher.launch("-n", "models");
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
    assertThat(run.getErrorOutput()).contains("cannot reach the Kubernetes API server: connection refused")
        .contains("is the API server running").doesNotContain("HTTP -1").doesNotContain("at io.");
    assertThat(ms).isLessThan(15_000);
  }
}
