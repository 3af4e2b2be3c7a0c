package io.aiops.catalog.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model-validate against peers that do not play fair: a proxy echoing our token, names built to escape their
 * resource, a server that accepts and never answers.
 */
@QuarkusMainTest
class HostilePeersTest {
  static final String TOKEN = "sha256~bW9kZWwtdmFsaWRhdGUtc2VjcmV0LTEyMzQ1Njc4OTA";
  static KubernetesMockServer api;

  @BeforeAll
  static void startApiServer() {
    api = StepKubeConfig.startCrudServer(null);
  }

  @AfterAll
  static void stopApiServer() {
    StepKubeConfig.stop(api);
  }

  @Test
  void traversalNamesAreRefusedBeforeAnyRequestReachesTheApiServer(QuarkusMainLauncher launcher) {
    int before = api.getRequestCount();
    LaunchResult ns = launcher.launch("--isvc", "iris", "-n", "../../secrets?x=");
    LaunchResult isvc = launcher.launch("--isvc", "../../../api/v1/secrets", "-n", "models");

    assertThat(ns.exitCode()).isEqualTo(2);
    assertThat(ns.getErrorOutput()).contains("'../../secrets?x=' is not a valid name").contains("RFC 1123 label");
    assertThat(isvc.exitCode()).isEqualTo(2);
    assertThat(isvc.getErrorOutput()).contains("RFC 1123 subdomain");
    assertThat(api.getRequestCount()).isEqualTo(before);
  }

  @Test
  void aTokenEchoedByTheServerIsInNoFileAndNoOutput(QuarkusMainLauncher launcher, @TempDir Path dir)
      throws Exception {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("<html><head><title>401 Unauthorized: " + auth + "</title></head><body>rejected Authorization: " + auth
          + "</body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    try {
      Path token = Files.writeString(dir.resolve("token"), TOKEN);
      Path out = Files.createDirectories(dir.resolve("out"));
      LaunchResult run = launcher.launch("--url", "http://127.0.0.1:" + proxy.getAddress().getPort(),
          "--model-name", "iris", "--protocol", "v2", "--token-file", token.toString(), "--http-retries", "0",
          "--ready-timeout", "5s", "--artifacts-dir", out.resolve("artifacts").toString(),
          "--results-dir", out.resolve("results").toString(), "--report-dir", out.resolve("report").toString(),
          "--verbose");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isNotZero();
      List<Path> written;
      try (Stream<Path> files = Files.walk(out)) {
        written = files.filter(Files::isRegularFile).toList();
      }
      assertThat(written).extracting(f -> f.getFileName().toString()).contains("summary.json", "log.txt");
      for (Path f : written) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(TOKEN);
      }
      assertThat(run.getErrorOutput()).doesNotContain(TOKEN).contains("<redacted>");
      assertThat(run.getOutput()).doesNotContain(TOKEN);
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void readyTimeoutBoundsTheWholeWaitAgainstAServerThatNeverAnswers(QuarkusMainLauncher launcher) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      launcher.launch("--version"); // the first launch builds the app: not part of the wait measured
      long start = System.nanoTime();
      LaunchResult run = launcher.launch("--url", "http://127.0.0.1:" + silent.getLocalPort(), "--model-name",
          "iris", "--ready-timeout", "5s", "--http-timeout", "60s");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;

      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
      assertThat(run.getErrorOutput()).contains("no answer");
      assertThat(seconds).isLessThan(45); // 5 tries x 60 s before; room left for the app's start
    }
  }
}
