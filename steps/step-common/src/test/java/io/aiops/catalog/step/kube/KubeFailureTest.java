package io.aiops.catalog.step.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.http.DeadlineTestServers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real fabric8 client against an API server that is not there, not trusted or unknown: the failure becomes one
 * line with the cause and a fix, exit 4, and (with the retry settings steps share) it comes within seconds.
 */
class KubeFailureTest {
  /** The retry settings every step gets from KubeClientDefaults. */
  static KubernetesClient client(String url) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(2)
        .withRequestRetryBackoffInterval(250).withConnectionTimeout(10_000).withNamespace("default").build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  static StepException failure(String url) {
    try (KubernetesClient kube = client(url)) {
      kube.pods().inNamespace("models").list();
    } catch (RuntimeException e) {
      return KubeFailure.of(e).orElseThrow(() -> new AssertionError("not explained", e));
    }
    throw new AssertionError("the list succeeded");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aClosedPortIsConnectionRefusedExit4WithAHint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    StepException e = failure("https://127.0.0.1:" + port);
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.exitCode()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("cannot reach the Kubernetes API server: connection refused")
        .contains("Operation: [list]").contains("is the API server running").doesNotContain("\n");
    assertThat(ms).isLessThan(15_000); // 21-25 s with fabric8's 10 default retries
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anUnknownHostSaysSoAndAsksForAKubeconfig() {
    StepException e = failure("https://kubernetes.default.svc.invalid:6443");
    assertThat(e.exitCode()).isEqualTo(4);
    assertThat(e.getMessage()).contains("unknown host").contains("kubeconfig");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anUntrustedCertificateIsPkixExit4(@TempDir Path dir) throws Exception {
    var server = DeadlineTestServers.selfSigned(dir);
    try {
      StepException e = failure("https://127.0.0.1:" + server.getAddress().getPort());
      assertThat(e.exitCode()).isEqualTo(4);
      assertThat(e.getMessage()).contains("certificate is not trusted (PKIX").contains("certificate-authority-data");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMalformedKubeconfigIsExit2() {
    var e = new io.fabric8.kubernetes.client.KubernetesClientException("Failed to parse the kubeconfig.",
        new IllegalArgumentException("mapping values are not allowed here\n in 'reader', line 3"));
    StepException explained = KubeFailure.of(new IllegalStateException("producer failed", e)).orElseThrow();
    assertThat(explained.exitCode()).isEqualTo(2);
    assertThat(explained.getMessage()).startsWith("the kubeconfig is malformed (mapping values are not allowed here)");
  }
}
