package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deadline bounds the whole wait, retries included; a server that accepts and never answers cannot stretch it.
 * The production defaults are used (30 s per request, 4 retries): without the deadline one call takes 150 s.
 */
class DeadlineTest {
  ByteArrayOutputStream logged = new ByteArrayOutputStream();
  StepLog log = new StepLog("test", LogFormat.text, false, new PrintStream(logged, true));

  StepHttp http() {
    return new StepHttp(TlsTrust.verified(null, null), Optional.empty(), RetryPolicy.DEFAULT, Duration.ofSeconds(30),
        log);
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void aServerThatAcceptsAndNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v2/health/ready");
      long start = System.nanoTime();
      assertThatThrownBy(() -> http().within(Duration.ofSeconds(2)).get(uri)).isInstanceOf(StepException.class)
          .hasMessageContaining("no answer");
      long firstMs = (System.nanoTime() - start) / 1_000_000;

      start = System.nanoTime();
      assertThatThrownBy(() -> http().awaitReady(uri, Duration.ofSeconds(2)))
          .hasMessageContaining("not ready after 2s");
      long secondMs = (System.nanoTime() - start) / 1_000_000;
      // the bound is the deadline plus scheduling slack, far below one 30 s request timeout
      assertThat(firstMs).isBetween(1_500L, 8_000L);
      assertThat(secondMs).isBetween(1_500L, 8_000L);
    }
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void anUntrustedCertificateIsNotStillStarting(@TempDir Path dir) throws Exception {
    HttpsServer server = DeadlineTestServers.selfSigned(dir);
    try {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready");
      long start = System.nanoTime();
      var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> http().awaitReady(uri, Duration.ofSeconds(30)), StepException.class);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(thrown.exitCode()).isEqualTo(4);
      assertThat(thrown.getMessage()).contains("certificate is not trusted (PKIX").contains("--ca-bundle");
      assertThat(ms).isLessThan(10_000L); // not the 30 s of waiting for a service that is "still starting"
      assertThat(logged.toString()).doesNotContain("waiting for");
    } finally {
      server.stop(0);
    }
  }
}
