package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.testing.RawHttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LoadClient's reading of an answer's framing, byte for byte from a raw socket: header names in any case, blanks
 * around values, Connection: close and HTTP/1.0 (the connection is not reused), a bad status line, chunk size or
 * Content-Length.
 */
class LoadClientFramingTest {
  final LoadClient client = new LoadClient(TlsTrust.verified(null, null), true, Optional.empty(),
      Duration.ofSeconds(5));
  RawHttpServer server;

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void headerNamesInAnyCaseAndBlanksAroundValuesFrameTheBodyOnOneConnection() throws IOException {
    server = RawHttpServer.answering("HTTP/1.1 200 OK\r\ncontent-LENGTH :  5 \r\nX-Other: a:b\r\n\r\nhello",
        "HTTP/1.1 404 Not Found\r\nTransfer-Encoding:  Chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n");
    var get = client.request("GET", server.uri("/x"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.exchange(get)).isEqualTo(i % 2 == 0 ? 200 : 404);
      }
    }
    assertThat(server.accepted()).isEqualTo(1);
  }

  @Test
  void connectionCloseAndHttp10AreNotReused() throws IOException {
    server = RawHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nCONNECTION: close\r\n\r\nok");
    var get = client.request("GET", server.uri("/x"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.exchange(get)).isEqualTo(200);
      }
    }
    assertThat(server.accepted()).isEqualTo(3);
  }

  @Test
  void http10WithoutKeepAliveIsNotReused() throws IOException {
    server = RawHttpServer.answering("HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n");
    var get = client.request("GET", server.uri("/x"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThat(c.exchange(get)).isEqualTo(201);
      assertThat(c.exchange(get)).isEqualTo(201);
    }
    assertThat(server.accepted()).isEqualTo(2);
  }

  @Test
  void notHttpIsATransportError() throws IOException {
    server = RawHttpServer.answering("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    var get = client.request("GET", server.uri("/x"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThatThrownBy(() -> c.exchange(get)).isInstanceOf(IOException.class)
          .hasMessageContaining("not an HTTP/1.x answer: SSH-2.0");
    }
  }

  @Test
  void aBadChunkSizeOrContentLengthIsATransportErrorAndTheNextCallReconnects() throws IOException {
    server = RawHttpServer.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
    var get = client.request("GET", server.uri("/x"), null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThatThrownBy(() -> c.exchange(get)).isInstanceOf(IOException.class).hasMessage("not a chunk size: zz");
      assertThatThrownBy(() -> c.exchange(get)).isInstanceOf(IOException.class)
          .hasMessage("Content-Length is not a number");
      assertThat(c.exchange(get)).isEqualTo(204);
    }
    assertThat(server.accepted()).isEqualTo(3);
  }
}
