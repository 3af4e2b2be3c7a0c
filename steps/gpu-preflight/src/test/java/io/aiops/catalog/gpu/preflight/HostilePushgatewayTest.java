package io.aiops.catalog.gpu.preflight;

import static io.aiops.catalog.gpu.preflight.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pushgateway behind a proxy that would quote an Authorization header in its error: pushes carry no token at all
 * (the step's token is for the API server), so there is nothing for it to echo, and the token is in no file or output.
 */
@QuarkusMainTest
class HostilePushgatewayTest {
  static final String TOKEN = "sha256~Z3B1LXByZWZsaWdodC1wdXNoLXNlY3JldC0xMjM0NTY3ODk";

  @Test
  void thePushCarriesNoTokenForAHostileGatewayToEcho(QuarkusMainLauncher launcher, @TempDir Path dir)
      throws Exception {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    proxy.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(auth));
      byte[] body = ("push refused for Authorization: " + auth + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    try {
      Path token = Files.writeString(dir.resolve("token"), TOKEN);
      Path out = Files.createDirectories(dir.resolve("out"));
      LaunchResult run = launcher.launch("analyze", "--node=a10-node",
          "--nvidia-smi-q=" + path("nvidia-smi-q-a10-remapped-rows-pending.txt"),
          "--pushgateway-url=http://127.0.0.1:" + proxy.getAddress().getPort(), "--token-file=" + token,
          "--http-retries=0", "--artifacts-dir=" + out.resolve("a"), "--results-dir=" + out.resolve("r"),
          "--report-dir=" + out.resolve("reports"), "--verbose");

      assertThat(run.exitCode()).as(run.getErrorOutput()).isNotZero();
      assertThat(authorizations).isNotEmpty().containsOnly("null");
      List<Path> written;
      try (Stream<Path> files = Files.walk(out)) {
        written = files.filter(Files::isRegularFile).toList();
      }
      assertThat(written).extracting(f -> f.getFileName().toString()).contains("log.txt");
      for (Path f : written) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(TOKEN);
      }
      assertThat(run.getErrorOutput()).contains("push refused").doesNotContain(TOKEN);
      assertThat(run.getOutput()).doesNotContain(TOKEN);
    } finally {
      proxy.stop(0);
    }
  }
}
