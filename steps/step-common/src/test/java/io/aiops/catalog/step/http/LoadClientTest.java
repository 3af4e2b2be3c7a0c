package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.aiops.catalog.step.testing.LocalProcesses;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LoadClient against the JDK's HTTP server: keep-alive, chunked answers, bodies, errors. */
class LoadClientTest {
  HttpServer server;
  final AtomicInteger connections = new AtomicInteger();
  final LoadClient client = new LoadClient(TlsTrust.verified(null, null), true, Optional.empty(),
      Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fixed", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      byte[] body = ("{\"got\":" + in.length + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/chunked", ex -> {
      ex.sendResponseHeaders(503, 0); // length 0: chunked
      try (OutputStream out = ex.getResponseBody()) {
        out.write("{\"error\":\"loading\"".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.write("}".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void readsWholeAnswersOnOneKeptAliveConnection() throws IOException {
    var fixed = client.request("POST", uri("/fixed"), "application/json", "{\"x\":1}".getBytes());
    var chunked = client.request("GET", uri("/chunked"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      for (int i = 0; i < 50; i++) {
        assertThat(c.exchange(fixed)).isEqualTo(200);
        assertThat(c.exchange(chunked)).isEqualTo(503);
      }
    }
  }

  @Test
  void refusedConnectionIsATransportErrorAndTheNextCallReconnects() throws IOException {
    URI nobodyListens = URI.create("http://127.0.0.1:" + LocalProcesses.freePort() + "/x");
    var refused = client.request("GET", nobodyListens, null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThatThrownBy(() -> c.exchange(refused)).isInstanceOf(ConnectException.class);
      assertThat(c.exchange(client.request("GET", uri("/fixed"), null, null))).isEqualTo(200);
    }
  }
}
