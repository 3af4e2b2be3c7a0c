package io.aiops.catalog.metrics.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aiops.catalog.step.kube.testing.StepKubeConfig;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics-backup against a proxy that quotes our Authorization header in its 500 page (as some do), against names
 * built to leave their resource, and with an output it cannot write.
 */
@QuarkusMainTest
class HostileServerTest {
  static final String TOKEN = "sha256~bWV0cmljcy1iYWNrdXAtc2VjcmV0LXRva2VuLTEyMzQ";
  static KubernetesMockServer api;
  HttpServer proxy;
  AtomicInteger requests = new AtomicInteger();
  @TempDir Path dir;

  @BeforeAll
  static void startApiServer() {
    api = StepKubeConfig.startCrudServer(null);
  }

  @AfterAll
  static void stopApiServer() {
    StepKubeConfig.stop(api);
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/q/health/ready", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    proxy.createContext("/", exchange -> {
      requests.incrementAndGet();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("{\"error\":\"upstream rejected\",\"request\":{\"headers\":{\"Authorization\":\"" + auth
          + "\"}},\"token\":\"" + auth.substring("Bearer ".length()) + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
  }

  @AfterEach
  void stopProxy() {
    proxy.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + proxy.getAddress().getPort();
  }

  @Test
  void theEchoedTokenIsInNoFileTheRunWroteNorInItsOutput(QuarkusMainLauncher launcher) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN);
    Path out = Files.createDirectories(dir.resolve("out"));
    LaunchResult run = launcher.launch("--service-url", url(), "-n", "models", "--token-file", token.toString(),
        "--http-retries", "0", "--backup-dir", out.resolve("backups").toString(), "--artifacts-dir",
        out.resolve("artifacts").toString(), "--results-dir", out.resolve("results").toString(), "--verbose");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(4);
    List<Path> written;
    try (Stream<Path> files = Files.walk(out)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    assertThat(written).extracting(f -> f.getFileName().toString()).contains("log.txt", "FAILURE");
    for (Path f : written) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain(TOKEN);
    }
    assertThat(run.getErrorOutput()).contains("HTTP 500").contains("<redacted>").doesNotContain(TOKEN);
    assertThat(run.getOutput()).doesNotContain(TOKEN);
  }

  @Test
  void aTraversalNamespaceIsRefusedBeforeAnyRequest(QuarkusMainLauncher launcher) {
    int before = api.getRequestCount();
    LaunchResult run = launcher.launch("-n", "../../secrets?x=", "--backup-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("RFC 1123 label").doesNotContain("Exception");
    assertThat(api.getRequestCount()).isEqualTo(before);
  }

  @Test
  void aBackupDirThatIsAFileIsExit2BeforeTheServiceIsAsked(QuarkusMainLauncher launcher) throws Exception {
    Path file = Files.writeString(dir.resolve("backups"), "not a directory");
    LaunchResult run = launcher.launch("--service-url", url(), "--backup-dir", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("--backup-dir " + file + " is a file, not a directory");
    assertThat(requests).hasValue(0);
  }
}
