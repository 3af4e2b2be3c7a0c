package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LoadClient's reading of an answer's framing, byte for byte from a raw socket: header names in any case, blanks
 * around values, Connection: close and HTTP/1.0 (the connection is not reused), a bad status line.
 */
class LoadClientFramingTest {
  final LoadClient client = new LoadClient(TlsTrust.verified(null, null), true, Optional.empty(),
      Duration.ofSeconds(5));
  final AtomicInteger accepted = new AtomicInteger();
  ServerSocket server;
  Thread serving;

  /** Answers each request on a connection with the next of {@code answers}, in a loop. */
  void serve(List<String> answers) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = new Thread(() -> {
      try {
        while (true) {
          Socket s = server.accept();
          accepted.incrementAndGet();
          Thread t = new Thread(() -> answer(s, answers));
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException closed) {
        // the test is over
      }
    });
    serving.setDaemon(true);
    serving.start();
  }

  private static void answer(Socket s, List<String> answers) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      int i = 0;
      while (readRequestHead(in)) {
        String answer = answers.get(i++ % answers.size());
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (answer.toLowerCase().contains("connection: close") || answer.startsWith("HTTP/1.0")) {
          return;
        }
      }
    } catch (IOException e) {
      // client went away
    }
  }

  /** Reads up to the blank line that ends a GET's head; false when the client closed. */
  private static boolean readRequestHead(InputStream in) throws IOException {
    int state = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      state = b == '\r' || b == '\n' ? state + 1 : 0;
      if (state == 4) {
        return true;
      }
    }
    return false;
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x");
  }

  @Test
  void headerNamesInAnyCaseAndBlanksAroundValuesFrameTheBodyOnOneConnection() throws IOException {
    serve(List.of("HTTP/1.1 200 OK\r\ncontent-LENGTH :  5 \r\nX-Other: a:b\r\n\r\nhello",
        "HTTP/1.1 404 Not Found\r\nTransfer-Encoding:  Chunked\r\n\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"));
    var get = client.request("GET", uri(), null, null);
    try (LoadClient.Connection c = client.connect()) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.exchange(get)).isEqualTo(i % 2 == 0 ? 200 : 404);
      }
    }
    assertThat(accepted).hasValue(1);
  }

  @Test
  void connectionCloseAndHttp10AreNotReused() throws IOException {
    serve(List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nCONNECTION: close\r\n\r\nok"));
    var get = client.request("GET", uri(), null, null);
    try (LoadClient.Connection c = client.connect()) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.exchange(get)).isEqualTo(200);
      }
    }
    assertThat(accepted).hasValue(3);
  }

  @Test
  void http10WithoutKeepAliveIsNotReused() throws IOException {
    serve(List.of("HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n"));
    var get = client.request("GET", uri(), null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThat(c.exchange(get)).isEqualTo(201);
      assertThat(c.exchange(get)).isEqualTo(201);
    }
    assertThat(accepted).hasValue(2);
  }

  @Test
  void notHttpIsATransportError() throws IOException {
    serve(List.of("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
    var get = client.request("GET", uri(), null, null);
    try (LoadClient.Connection c = client.connect()) {
      assertThatThrownBy(() -> c.exchange(get)).isInstanceOf(IOException.class)
          .hasMessageContaining("not an HTTP/1.x answer: SSH-2.0");
    }
  }
}
