package io.aiops.catalog.realtrustyai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real TrustyAI service, started and stopped through tests/peers/trustyai-service.sh (which builds it from the
 * upstream source once, cached by commit). Storage is a data directory: PVC mode, inference data on disk.
 */
final class TrustyAiPeer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("tests/peers/trustyai-service.sh");
  /** Plain HTTP/1.1, as curl sends: what the test itself posts (uploads, deletes) is not under test. */
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  final Path data;
  URI url;

  private TrustyAiPeer(Path data) {
    this.data = data;
  }

  static final String MISSING = "no real TrustyAI service: give -Dtrustyai.source=DIR (the "
      + "trustyai-explainability source, a checkout or git dir) or -Dtrustyai.app=DIR (a built quarkus-app); see "
      + "tests/real-trustyai/README.md";

  /** Whether a source or a built service was given; under -Preal-trustyai one must be. */
  static boolean available() {
    boolean given = source("trustyai.source", "TRUSTYAI_SOURCE").isPresent()
        || source("trustyai.app", "TRUSTYAI_APP").isPresent();
    if (!given && Boolean.getBoolean("trustyai.required")) {
      throw new IllegalStateException("-Preal-trustyai: " + MISSING);
    }
    return given;
  }

  /** Skips the test, saying why, when no service was given. */
  static void assumeAvailable() {
    if (!available()) {
      System.out.println("real-trustyai: skipped, " + MISSING);
      Assumptions.abort("skipped, " + MISSING);
    }
  }

  static TrustyAiPeer start(Path data) throws IOException, InterruptedException {
    TrustyAiPeer peer = new TrustyAiPeer(data);
    peer.url = URI.create(peer.script("start", Duration.ofMinutes(20)).strip());
    return peer;
  }

  /** The "operator upgrade": the process goes, the data directory (the PVC) stays, a new process starts on it. */
  void restart() throws IOException, InterruptedException {
    script("stop", Duration.ofMinutes(1));
    url = URI.create(script("start", Duration.ofMinutes(5)).strip());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("stop", Duration.ofMinutes(1));
  }

  private String script(String action, Duration within) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), action, data.toString());
    source("trustyai.source", "TRUSTYAI_SOURCE").ifPresent(s -> pb.environment().put("TRUSTYAI_SOURCE", s));
    source("trustyai.app", "TRUSTYAI_APP").ifPresent(s -> pb.environment().put("TRUSTYAI_APP", s));
    Path err = Files.createTempFile("trustyai-peer", ".err");
    Process p = pb.redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(within.toSeconds(), TimeUnit.SECONDS)).as("%s within %s", action, within).isTrue();
    assertThat(p.exitValue()).as("trustyai-service.sh %s: %s", action, Files.readString(err)).isZero();
    return out;
  }

  private static java.util.Optional<String> source(String property, String env) {
    String v = System.getProperty(property, "");
    if (v.isBlank()) {
      v = System.getenv().getOrDefault(env, "");
    }
    return v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v);
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The service's whole listing: {@code /metrics/all/requests}. */
  List<JsonNode> listing() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("/metrics/all/requests"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(r.body()).path("requests").forEach(out::add);
    return out;
  }
}
