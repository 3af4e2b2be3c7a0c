package io.aiops.catalog.step.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on a free loopback port that answers with raw bytes, for what the JDK's HttpServer will not send: header
 * names in odd case, HTTP/1.0, Connection: close, another protocol, or no answer at all. Each request head gets the
 * next of its answers, in turn across all connections; a connection is closed after an answer that says so
 * (Connection: close, or HTTP/1.0). With no answers it reads requests and never answers: a stalled server.
 */
public final class RawHttpServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> answers;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private RawHttpServer(List<String> answers) throws IOException {
    this.answers = answers;
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    daemon(this::acceptAll);
  }

  public static RawHttpServer answering(String... answers) throws IOException {
    return new RawHttpServer(List.of(answers));
  }

  public static RawHttpServer stalled() throws IOException {
    return new RawHttpServer(List.of());
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** Connections accepted so far: how many times a client connected (a kept-alive connection counts once). */
  public int accepted() {
    return accepted.get();
  }

  private void acceptAll() {
    try {
      while (true) {
        Socket s = server.accept();
        accepted.incrementAndGet();
        open.add(s);
        daemon(() -> serve(s));
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      if (answers.isEmpty()) {
        in.transferTo(OutputStream.nullOutputStream()); // until the client leaves or the test ends
        return;
      }
      while (readRequestHead(in)) {
        String answer = answers.get(answered.getAndIncrement() % answers.size());
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (answer.toLowerCase().contains("connection: close") || answer.startsWith("HTTP/1.0")) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(s);
    }
  }

  /** Reads up to the blank line that ends a bodiless request's head; false when the client closed first. */
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

  private static void daemon(Runnable body) {
    Thread t = new Thread(body, "raw-http-server");
    t.setDaemon(true);
    t.start();
  }

  /** Stops accepting and closes the connections still open, so that no client waits on a test that is over. */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
