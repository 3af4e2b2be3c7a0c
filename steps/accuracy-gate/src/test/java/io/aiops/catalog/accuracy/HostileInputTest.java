package io.aiops.catalog.accuracy;

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

/** The gate against a model server that echoes our token, and scores that are not finite numbers. */
@QuarkusMainTest
class HostileInputTest {
  static final String TOKEN = "sha256~YWNjdXJhY3ktZ2F0ZS1zZWNyZXQtdG9rZW4tMTIzNDU2Nzg";
  @TempDir Path dir;

  @Test
  void aTokenEchoedByTheEndpointIsInNoFileAndNoOutput(QuarkusMainLauncher launcher) throws Exception {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("<!DOCTYPE html><html><head><title>401 Unauthorized: " + auth + "</title></head><body><p>Authorization: "
          + auth + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    proxy.start();
    try {
      Path data = Files.writeString(dir.resolve("test.csv"), "V1,V2,Class\n0.1,1.0,0\n2.5,3.0,1\n");
      Path token = Files.writeString(dir.resolve("token"), TOKEN);
      Path out = Files.createDirectories(dir.resolve("out"));
      LaunchResult run = launcher.launch("--data", data.toString(), "--label-column", "Class", "--endpoint",
          "http://127.0.0.1:" + proxy.getAddress().getPort(), "--model-name", "fraud", "--protocol", "v1",
          "--token-file", token.toString(), "--http-retries", "0", "--artifacts-dir", out.resolve("a").toString(),
          "--results-dir", out.resolve("r").toString(), "--output-dir", out.resolve("o").toString(), "--verbose");

      // a refused credential is the user's to fix (exit 2), as in every step; the endpoint did answer
      assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(2);
      List<Path> written;
      try (Stream<Path> files = Files.walk(out)) {
        written = files.filter(Files::isRegularFile).toList();
      }
      assertThat(written).extracting(f -> f.getFileName().toString()).contains("log.txt", "FAILURE");
      for (Path f : written) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(TOKEN);
      }
      assertThat(run.getErrorOutput()).doesNotContain(TOKEN).contains("401 Unauthorized: Bearer <redacted>")
          .doesNotContain("<p>");
      assertThat(run.getOutput()).doesNotContain(TOKEN);
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void infinityAnd1e309AreRefusedLikeNaN(QuarkusMainLauncher launcher) throws Exception {
    for (String bad : List.of("Infinity", "1e309", "NaN", "-Infinity")) {
      Path data = Files.writeString(dir.resolve("scored.csv"), "label,score\n1,0.9\n0," + bad + "\n1,0.7\n");
      LaunchResult run = launcher.launch("--data", data.toString(), "--label-column", "label", "--score-column",
          "score", "--threshold", "accuracy >= 0.0");

      assertThat(run.exitCode()).as(bad + ": " + run.getErrorOutput()).isEqualTo(2);
      assertThat(run.getErrorOutput()).contains("holds '" + bad + "', not a finite number");
    }
  }

  @Test
  void aFixHintIsNeverItselfATypeError(QuarkusMainLauncher launcher) throws Exception {
    Path data = Files.writeString(dir.resolve("scored.csv"), "label,prediction\n1,1\n0,0\n");
    LaunchResult list = launcher.launch("--data", data.toString(), "--label-column", "label", "--prediction-column",
        "prediction", "--threshold", "slices");
    LaunchResult number = launcher.launch("--data", data.toString(), "--label-column", "label",
        "--prediction-column", "prediction", "--threshold", "accuracy");

    assertThat(list.exitCode()).isEqualTo(2);
    assertThat(list.getErrorOutput()).contains("not a condition").contains("write a comparison over a figure")
        .doesNotContain("slices >= 0.8");
    assertThat(number.exitCode()).isEqualTo(2);
    assertThat(number.getErrorOutput()).contains("compare it, e.g. 'accuracy >= 0.8'");
  }
}
