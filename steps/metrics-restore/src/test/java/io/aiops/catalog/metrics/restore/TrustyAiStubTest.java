package io.aiops.catalog.metrics.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stub answers as the captured service did: each err_* and req_* sample replayed against it. */
class TrustyAiStubTest {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  TrustyAiStub stub;
  WireMockServer server;

  @BeforeEach
  void start() {
    stub = new TrustyAiStub();
    server = TrustyAiStub.start(stub);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"err_bad_attribute", "err_bad_outcome", "err_bad_value_type", "err_batch_zero",
      "err_drift_no_tag", "err_drift_unknown_model", "err_drift_unknown_tag", "err_unknown_model",
      "err_malformed_json", "err_array_value", "err_typed_mismatch", "err_unknown_field", "err_wrong_type_id"})
  void answersEachCapturedRequestWithTheCapturedStatusAndBody(String sample) throws Exception {
    String body = TrustyAiStub.sampleText(sample + "_request.json").strip();
    int status = Integer.parseInt(TrustyAiStub.sampleText(sample + ".headers").split(" ")[1]);
    String expected = TrustyAiStub.sampleText(sample + "_response.txt").strip();
    boolean drift = sample.contains("drift") || body.contains("referenceTag");
    String path = drift ? "/metrics/drift/meanshift/request" : "/metrics/group/fairness/spd/request";

    HttpResponse<String> answer = post(path, body, Duration.ofSeconds(5));

    assertThat(answer.statusCode()).isEqualTo(status);
    if (status == 400 && expected.isEmpty()) {
      assertThat(answer.body()).isEmpty();
    } else if (status == 400) {
      assertThat(TrustyAiStub.JSON.readTree(answer.body())).isEqualTo(TrustyAiStub.JSON.readTree(expected));
    } else {
      assertThat(TrustyAiStub.JSON.readTree(answer.body()).path("requestId").asText()).hasSize(36);
    }
  }

  @Test
  void postWithoutBodyGetsNoAnswer() {
    assertThatThrownBy(() -> post("/metrics/group/fairness/spd/request", "", Duration.ofMillis(500)))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void theCapturedRequestsAreListedAsTheServiceListedThem() throws Exception {
    for (String metric : List.of("spd", "dir", "meanshift", "kstest", "approxkstest", "fouriermmd")) {
      String path = metric.equals("spd") || metric.equals("dir") ? "/metrics/group/fairness/" + metric + "/request"
          : "/metrics/drift/" + metric + "/request";
      assertThat(post(path, TrustyAiStub.sampleText("req_" + metric + ".json"), Duration.ofSeconds(5)).statusCode())
          .isEqualTo(200);
    }

    JsonNode listing = TrustyAiStub.JSON.readTree(get("/metrics/all/requests").body());

    List<JsonNode> listed = new ArrayList<>();
    listing.path("requests").forEach(e -> listed.add(e.get("request")));
    List<JsonNode> captured = new ArrayList<>();
    TrustyAiStub.sample("list_all_requests_t0.json").path("requests").forEach(e -> captured.add(e.get("request")));
    assertThat(Backups.contents(listed)).isEqualTo(Backups.contents(captured));
    assertThat(TrustyAiStub.JSON.readTree(get("/metrics/all/requests?type=fairness").body()).path("requests"))
        .hasSize(2);
    assertThat(get("/metrics/all/requests?type=Fairness").statusCode()).isEqualTo(400);
  }

  @Test
  void duplicatesAreScheduledTwice() throws Exception {
    String spd = TrustyAiStub.sampleText("req_spd.json");
    post("/metrics/group/fairness/spd/request", spd, Duration.ofSeconds(5));
    post("/metrics/group/fairness/spd/request", spd, Duration.ofSeconds(5));

    assertThat(stub.listing()).hasSize(2);
  }

  /** Identity requests, and the defaults the service fills in, as the real service listed them (real-service/). */
  @Test
  void requestsWithoutDefaultsAreListedAsTheRealServiceListedThem() throws Exception {
    java.nio.file.Path real = java.nio.file.Path.of("../../tests/fixtures/trustyai/real-service");
    List<String> names = new ArrayList<>();
    for (JsonNode posted : TrustyAiStub.JSON.readTree(real.resolve("posted_without_defaults.json").toFile())) {
      names.add(posted.at("/body/requestName").asText());
      assertThat(post(posted.get("path").asText(), posted.get("body").toString(), Duration.ofSeconds(5))
          .statusCode()).as(posted.toString()).isEqualTo(200);
    }

    List<JsonNode> listed = new ArrayList<>();
    TrustyAiStub.JSON.readTree(get("/metrics/all/requests").body()).path("requests")
        .forEach(e -> listed.add(withoutFit(e.get("request"))));
    List<JsonNode> realListing = new ArrayList<>();
    // the capture also lists two unnamed identity requests posted before: only the six posted here count
    TrustyAiStub.JSON.readTree(real.resolve("list_without_defaults.json").toFile()).path("requests").forEach(e -> {
      if (names.contains(e.at("/request/requestName").asText())) {
        realListing.add(withoutFit(e.get("request")));
      }
    });
    assertThat(realListing).hasSize(6);
    assertThat(Backups.contents(listed)).isEqualTo(Backups.contents(realListing));
  }

  /** The drift fit: the real service lists null until its first computation, the stub the captured one. */
  private static JsonNode withoutFit(JsonNode request) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = request.deepCopy();
    copy.remove(List.of("fitting", "sketchFitting", "fitColumns"));
    return copy;
  }

  private HttpResponse<String> post(String path, String body, Duration timeout) throws IOException,
      InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
