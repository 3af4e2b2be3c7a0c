package io.aiops.catalog.step.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.kube.ServiceLocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepHttpTest {
  WireMockServer server;
  ByteArrayOutputStream logged = new ByteArrayOutputStream();
  StepLog log = new StepLog("test", LogFormat.text, true, new PrintStream(logged, true));

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  StepHttp http(int retries) {
    return new StepHttp(TlsTrust.verified(null, null), Optional.empty(),
        new RetryPolicy(retries, Duration.ofMillis(5), Duration.ofMillis(50)), Duration.ofSeconds(15), log);
  }

  /** A raw JDK server sees the headers as sent: Jetty (WireMock) would take part in an h2c upgrade and hide it. */
  @Test
  void plainHttpPostOffersNoHttp2Upgrade() throws Exception {
    var raw = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    var seen = new java.util.concurrent.atomic.AtomicReference<com.sun.net.httpserver.Headers>();
    raw.createContext("/metrics", exchange -> {
      seen.set(exchange.getRequestHeaders());
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 2);
      exchange.getResponseBody().write("{}".getBytes());
      exchange.close();
    });
    raw.start();
    try {
      var response = http(0).postJson(
          URI.create("http://127.0.0.1:" + raw.getAddress().getPort() + "/metrics"), "{\"a\":1}", false);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(seen.get().keySet()).map(String::toLowerCase).doesNotContain("upgrade", "http2-settings");
    } finally {
      raw.stop(0);
    }
  }

  @Test
  void getIsRetriedOn503UntilItSucceeds() {
    server.stubFor(get("/x").inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    server.stubFor(get("/x").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok("fine")));

    var response = http(3).get(URI.create(server.baseUrl() + "/x"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("fine");
    server.verify(2, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void clientErrorsAreNeverRetried() {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(404)));

    assertThat(http(3).get(URI.create(server.baseUrl() + "/x")).statusCode()).isEqualTo(404);
    server.verify(1, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void retryAfterIsHonoured() {
    server.stubFor(get("/x").inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
    server.stubFor(get("/x").inScenario("busy").whenScenarioStateIs("free").willReturn(ok()));
    StepHttp http = new StepHttp(TlsTrust.verified(null, null), Optional.empty(),
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(5)), Duration.ofSeconds(15), log);

    long start = System.nanoTime();
    assertThat(http.get(URI.create(server.baseUrl() + "/x")).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aPostThatMayHaveBeenProcessedIsNotRetried() {
    server.stubFor(post("/schedule").willReturn(aResponse().withStatus(500)));

    assertThat(http(3).postJson(URI.create(server.baseUrl() + "/schedule"), "{}", false).statusCode())
        .isEqualTo(500);
    server.verify(1, postRequestedFor(urlEqualTo("/schedule")));
  }

  @Test
  void aPostIsRetriedOn503BecauseTheServiceDidNotTakeIt() {
    server.stubFor(post("/schedule").willReturn(aResponse().withStatus(503)));

    assertThat(http(2).postJson(URI.create(server.baseUrl() + "/schedule"), "{}", false).statusCode())
        .isEqualTo(503);
    server.verify(3, postRequestedFor(urlEqualTo("/schedule")));
  }

  @Test
  void aPostWhoseAnswerTimesOutIsReportedNotRepeated() {
    server.stubFor(post("/schedule").willReturn(aResponse().withFixedDelay(1500)));
    StepHttp http = new StepHttp(TlsTrust.verified(null, null), Optional.empty(),
        new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50)), Duration.ofMillis(300), log);

    assertThatThrownBy(() -> http.postJson(URI.create(server.baseUrl() + "/schedule"), "{}", false))
        .isInstanceOf(StepException.class).extracting(e -> ((StepException) e).exitCode()).isEqualTo(4);
    server.verify(1, postRequestedFor(urlEqualTo("/schedule")));
  }

  @Test
  void unreachableServiceIsExit4NamingTheUrl() {
    String url = server.baseUrl() + "/x";
    server.stop();

    assertThatThrownBy(() -> http(1).get(URI.create(url))).isInstanceOf(StepException.class)
        .hasMessageContaining(url).hasMessageContaining("connection refused")
        .extracting(e -> ((StepException) e).exitCode()).isEqualTo(4);
  }

  @Test
  void tokenIsSentButNeverLogged() throws Exception {
    server.stubFor(get("/x").willReturn(aResponse().withStatus(503)));
    var file = java.nio.file.Files.createTempFile("token", "");
    java.nio.file.Files.writeString(file, "very-secret\n");
    StepHttp http = new StepHttp(TlsTrust.verified(null, null), Optional.of(BearerToken.fromFile(file)),
        new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5)), Duration.ofSeconds(15), log);

    http.get(URI.create(server.baseUrl() + "/x"));

    server.verify(getRequestedFor(urlEqualTo("/x")).withHeader("Authorization",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer very-secret")));
    assertThat(logged.toString()).contains("retry 1/1").doesNotContain("very-secret");
    assertThat(BearerToken.fromFile(file).toString()).doesNotContain("very-secret");
  }

  @Test
  void awaitReadyGivesUpWithTheLastReason() {
    server.stubFor(get("/q/health/ready").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> http(0).awaitReady(URI.create(server.baseUrl() + "/q/health/ready"),
        Duration.ofMillis(600))).isInstanceOf(StepException.class).hasMessageContaining("not ready")
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void aServicesClusterNameIsNotWaitedForOutsideTheCluster() {
    assumeFalse(ServiceLocator.runningInPod(), "a step run from a laptop, outside a pod");
    long start = System.nanoTime();
    assertThatThrownBy(() -> http(0).awaitReady(URI.create("https://trustyai-service.no-such-ns-x1.svc:443/q/health"),
        Duration.ofMinutes(2))).isInstanceOfSatisfying(StepException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(4);
          assertThat(e.getMessage()).contains("trustyai-service.no-such-ns-x1.svc is a name inside the cluster");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 2 minutes asked").isLessThan(
        Duration.ofSeconds(60));
  }

  @Test
  void anUnknownHostOutsideTheClusterIsWaitedForAsAnyOther() {
    assertThatThrownBy(() -> http(0).awaitReady(URI.create("http://no-such-host.invalid/q/health"),
        Duration.ofMillis(600))).isInstanceOf(StepException.class).hasMessageContaining("not ready after")
        .hasMessageContaining("unknown host");
    assertThat(StepHttp.clusterInternal("svc.example.com")).isFalse();
    assertThat(StepHttp.clusterInternal("trustyai-service.ns.svc.cluster.local")).isTrue();
  }

  static byte[] gzip(byte[] plain) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void aGetAsksForGzipAndACompressedAnswerIsReadAsText() throws Exception {
    String json = "{\"status\":\"success\",\"data\":{\"values\":[[1,\"0.5\"]]}}";
    server.stubFor(get("/range").willReturn(ok().withHeader("Content-Encoding", "gzip")
        .withHeader("Content-Type", "application/json").withBody(gzip(json.getBytes(StandardCharsets.UTF_8)))));

    var answer = http(0).get(URI.create(server.baseUrl() + "/range"));

    assertThat(answer.body()).isEqualTo(json);
    server.verify(getRequestedFor(urlEqualTo("/range")).withHeader("Accept-Encoding", equalTo("gzip")));
  }

  @Test
  void anAnswerOverTheLimitIsRefusedOnceNotRetriedNorKept() {
    // Jetty gzips it, as asked: the limit holds for what the answer inflates to
    server.stubFor(get("/endless").willReturn(ok().withBody("x".repeat(10_000))));

    assertThatThrownBy(() -> http(4).withBodyLimit(1024).get(URI.create(server.baseUrl() + "/endless")))
        .isInstanceOfSatisfying(StepException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(4);
          assertThat(e.getMessage()).contains("is over 1024 bytes").contains("is the URL right?")
              .contains("after 1 attempt(s)");
        });
    server.verify(1, getRequestedFor(urlEqualTo("/endless")));
  }

  @Test
  void aFewKilobytesOfGzipThatInflateToMegabytesAreStoppedAtTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[8 << 20]);
    assertThat(bomb.length).as("compressed").isLessThan(64 * 1024);
    server.stubFor(get("/bomb").willReturn(ok().withHeader("Content-Encoding", "gzip").withBody(bomb)));

    assertThatThrownBy(() -> http(0).withBodyLimit(1 << 20).get(URI.create(server.baseUrl() + "/bomb")))
        .isInstanceOf(StepException.class).hasMessageContaining("once decompressed, is over 1 MB");
  }

  @Test
  void anAnswerSayingGzipThatIsNotIsAGarbledAnswer() {
    server.stubFor(get("/liar").willReturn(ok().withHeader("Content-Encoding", "gzip").withBody("{\"plain\":1}")));

    assertThatThrownBy(() -> http(0).get(URI.create(server.baseUrl() + "/liar"))).isInstanceOf(StepException.class)
        .hasMessageContaining("says it is gzip-compressed but does not decompress");
  }
}
