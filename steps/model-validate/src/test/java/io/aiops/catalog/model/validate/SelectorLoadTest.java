package io.aiops.catalog.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aiops.catalog.step.http.LoadClient;
import io.aiops.catalog.step.http.TlsTrust;
import io.aiops.catalog.step.testing.LocalProcesses;
import io.aiops.catalog.step.testing.RawHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load over plain HTTP (SelectorLoad) against real local servers: the JDK's HTTP server, and raw sockets for
 * what it cannot do (close after each answer, never answer). Counts are exact, so a mis-framed body (the next
 * answer read from its middle), a lost or doubled request, or a connection not kept alive shows.
 */
@Timeout(60)
class SelectorLoadTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  final LoadClient client = new LoadClient(TlsTrust.verified(null, null), true, Optional.empty(), TIMEOUT);
  final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
  final AtomicInteger served = new AtomicInteger();
  final AtomicInteger loadThreads = new AtomicInteger();
  final ExecutorService pool = Executors.newCachedThreadPool();
  HttpServer server;
  RawHttpServer raw;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.stop(0);
    }
    if (raw != null) {
      raw.close();
    }
    pool.shutdownNow();
  }

  @Test
  void aFixedCountIsSentExactlyOnceEachOnKeptAliveConnectionsFromAFewThreads() throws IOException {
    jdkServer();
    LoadResult r = LoadTest.run(client, TIMEOUT, List.of(post("/fixed")), plan(2000, 16));

    assertThat(r.sent()).isEqualTo(2000);
    assertThat(r.statuses()).isEqualTo(Map.of(200, 2000L));
    assertThat(r.transport()).isEmpty();
    assertThat(r.sortedNanos()).hasSize(2000);
    assertThat(r.sortedNanos()[0]).isPositive();
    assertThat(served).hasValue(2000);
    assertThat(peers).as("connections opened").hasSize(16);
    assertThat(loadThreads.get()).as("load threads alive during the run")
        .isBetween(1, Math.min(16, Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void contentLengthAndChunkedBodiesLargerThanTheBufferAreReadWhole() throws IOException {
    jdkServer();
    LoadResult r = LoadTest.run(client, TIMEOUT, List.of(post("/big"), post("/chunked")), plan(400, 4));

    assertThat(r.statuses()).isEqualTo(Map.of(200, 200L, 201, 200L));
    assertThat(r.transport()).isEmpty();
    assertThat(peers).as("connections opened").hasSize(4);
  }

  @Test
  void serverErrorsAreCountedByCode() throws IOException {
    jdkServer();
    LoadResult r = LoadTest.run(client, TIMEOUT, List.of(post("/fixed"), post("/broken"), post("/broken")),
        plan(300, 8));

    assertThat(r.statuses()).isEqualTo(Map.of(200, 100L, 503, 200L));
    assertThat(r.ok()).isEqualTo(100);
    assertThat(r.errorRate()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.transport()).isEmpty();
  }

  @Test
  void aServerClosingAfterEachAnswerIsReconnectedAndEveryAnswerCounted() throws IOException {
    raw = RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
        "HTTP/1.0 202 Accepted\r\n\r\nbody until the server closes");
    LoadResult r = LoadTest.run(client, TIMEOUT, List.of(get()), plan(100, 4));

    assertThat(r.statuses()).containsOnlyKeys(200, 202);
    assertThat(r.statuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    assertThat(r.transport()).isEmpty();
    assertThat(raw.accepted()).as("connections accepted").isEqualTo(100);
  }

  @Test
  void aStalledServerTimesOutEachRequest() throws IOException {
    raw = RawHttpServer.stalled();
    LoadClient quick = new LoadClient(TlsTrust.verified(null, null), true, Optional.empty(), Duration.ofMillis(200));
    long start = System.nanoTime();
    LoadResult r = LoadTest.run(quick, Duration.ofMillis(200), List.of(get()), plan(8, 4));

    assertThat(r.transport()).isEqualTo(Map.of("timeout", 8L));
    assertThat(r.answered()).isZero();
    assertThat((System.nanoTime() - start) / 1e6).as("ms: two rounds of 200 ms").isBetween(380.0, 4000.0);
    assertThat(raw.accepted()).as("a fresh connection after each timeout").isEqualTo(8);
  }

  @Test
  void theRunsDeadlineBoundsTheWaitForAStalledServer() throws IOException {
    raw = RawHttpServer.stalled();
    long start = System.nanoTime();
    LoadResult r = LoadTest.run(client, Duration.ofSeconds(30), List.of(get()),
        new LoadTest.Plan(Long.MAX_VALUE, Duration.ofMillis(700), 4, 0));

    double ms = (System.nanoTime() - start) / 1e6;
    assertThat(ms).as("ms, with a 30 s request timeout").isBetween(690.0, 5000.0);
    assertThat(r.sent()).as("unanswered at the deadline: dropped, as wrk does").isZero();
  }

  @Test
  void aRequestLateOnItsRateIsTimedFromWhenItWasDueAndInAClosedLoopFromWhenItWasSent() throws IOException {
    jdkServer();
    // one connection, an answer every 100 ms: at 50 req/s each request is due 20 ms after the last but can only
    // go out when the last is answered, so the i-th waits 80 ms more than the one before
    LoadResult closed = LoadTest.run(client, TIMEOUT, List.of(post("/slow")), plan(6, 1));
    LoadResult paced = LoadTest.run(client, TIMEOUT, List.of(post("/slow")), new LoadTest.Plan(6, null, 1, 50.0));

    long[] closedMs = Arrays.stream(closed.sortedNanos()).map(n -> n / 1_000_000).toArray();
    long[] pacedMs = Arrays.stream(paced.sortedNanos()).map(n -> n / 1_000_000).toArray();
    assertThat(closedMs).as("closed loop: each from its own write").hasSize(6);
    assertThat(closedMs[0]).isGreaterThanOrEqualTo(100);
    // ~100 ms each; the paced one below is >= 500 ms by construction, so 480 tells them apart with room for a stall
    assertThat(closedMs[5]).isLessThan(480);
    assertThat(pacedMs[5]).as("the last paced request: due at 100 ms, answered at ~600 ms").isGreaterThan(400);
  }

  @Test
  void aRefusedConnectionIsCountedForEveryRequest() throws IOException {
    URI nobodyListens = URI.create("http://127.0.0.1:" + LocalProcesses.freePort() + "/x");
    var refused = client.request("GET", nobodyListens, null, null);
    LoadResult r = LoadTest.run(client, TIMEOUT, List.of(refused), plan(50, 4));

    assertThat(r.transport()).isEqualTo(Map.of("connection refused", 50L));
    assertThat(r.statuses()).isEmpty();
  }

  @Test
  void httpsAndRequestsToMoreThanOneHostKeepTheThreadPerConnectionClient() {
    var plain = client.request("GET", URI.create("http://127.0.0.1:8080/a"), null, null);
    var otherPath = client.request("GET", URI.create("http://127.0.0.1:8080/b"), null, null);
    var otherPort = client.request("GET", URI.create("http://127.0.0.1:8081/a"), null, null);
    var tls = client.request("GET", URI.create("https://127.0.0.1:8443/a"), null, null);

    assertThat(SelectorLoad.target(List.of(plain, otherPath))).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(SelectorLoad.target(List.of(plain, otherPort))).isNull();
    assertThat(SelectorLoad.target(List.of(tls))).isNull();
  }

  static LoadTest.Plan plan(long requests, int concurrency) {
    return new LoadTest.Plan(requests, null, concurrency, 0);
  }

  LoadClient.Request post(String path) {
    return client.request("POST", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        "application/json", "{\"inputs\":[[1,2,3,4]]}".getBytes(StandardCharsets.UTF_8));
  }

  LoadClient.Request get() {
    return client.request("GET", raw.uri("/x"), null, null);
  }

  /** /fixed: 200 and a small body; /slow: 200 after 100 ms; /big: 200 and 100 kB; /chunked: 201 and 100 kB in chunks; /broken: 503. */
  void jdkServer() throws IOException {
    byte[] big = new byte[100_000];
    Arrays.fill(big, (byte) 'x');
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.setExecutor(pool);
    server.createContext("/fixed", ex -> answer(ex, 200, "{\"outputs\":[1]}".getBytes(StandardCharsets.UTF_8), false));
    server.createContext("/big", ex -> answer(ex, 200, big, false));
    server.createContext("/chunked", ex -> answer(ex, 201, big, true));
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), false);
    });
    server.createContext("/broken", ex -> answer(ex, 503, "{\"error\":\"overloaded\"}".getBytes(), false));
    server.start();
  }

  private void answer(HttpExchange ex, int status, byte[] body, boolean chunked) throws IOException {
    ex.getRequestBody().readAllBytes();
    peers.add(ex.getRemoteAddress());
    loadThreads.accumulateAndGet((int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("load-")).count(), Math::max);
    ex.sendResponseHeaders(status, chunked ? 0 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (chunked) {
        for (int at = 0; at < body.length; at += 7000) {
          out.write(body, at, Math.min(7000, body.length - at));
          out.flush();
        }
      } else {
        out.write(body);
      }
    }
    served.incrementAndGet();
  }
}
