package io.aiops.catalog.step.http;

import io.aiops.catalog.step.StepLog;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The HTTP/1.1 client of load generation, beside {@link StepHttp}: one keep-alive connection per worker, requests
 * serialised once, no retries (a load test counts every failure) and no per-request allocation of a client
 * pipeline. Same trust, token and timeout rules as StepHttp.
 *
 * <p>Why not StepHttp: its retries would hide errors from the error rate, and the JDK HttpClient's selector
 * thread and futures cost more per request than a small endpoint's answer, so the client became the bottleneck
 * of the measurement (see model-validate's benchmark).
 */
public final class LoadClient {
  private final SSLContext tls;
  private final boolean verifyHostname;
  private final Optional<BearerToken> token;
  private final int timeoutMillis;

  public LoadClient(TlsTrust trust, boolean verifyHostname, Optional<BearerToken> token, Duration timeout) {
    this.tls = trust.sslContext();
    this.verifyHostname = verifyHostname;
    this.token = token;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  /** With the trust, token and timeout of the step's {@code --ca-bundle}, {@code --token-file}, ... options. */
  public static LoadClient from(HttpOptions options, StepLog log) {
    Path ca = HttpOptions.blankToNull(options.caBundle);
    TlsTrust trust = options.insecureSkipTlsVerify ? TlsTrust.insecure(log)
        : TlsTrust.verified(ca, HttpOptions.SERVICE_CA);
    return new LoadClient(trust, !options.insecureSkipTlsVerify,
        BearerToken.resolve(HttpOptions.blankToNull(options.tokenFile), System.getenv("BEARER_TOKEN")),
        options.timeout());
  }

  /** A request serialised once and sent many times. */
  public Request request(String method, URI uri, String contentType, byte[] body) {
    StringBuilder head = new StringBuilder(256);
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append("\r\n");
    head.append("Accept: application/json\r\n");
    token.ifPresent(t -> head.append("Authorization: ").append(t.headerValue()).append("\r\n"));
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + (body == null ? 0 : body.length)];
    System.arraycopy(h, 0, all, 0, h.length);
    if (body != null) {
      System.arraycopy(body, 0, all, h.length, body.length);
    }
    return new Request(uri, all);
  }

  /** One worker's connection; not thread-safe. Reconnects after an error or a {@code Connection: close}. */
  public Connection connect() {
    return new Connection();
  }

  public record Request(URI uri, byte[] bytes) {}

  public final class Connection implements Closeable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final ResponseFraming framing = new ResponseFraming();

    /**
     * Sends the request and reads the whole answer; returns its status. Throws on a transport failure (refused,
     * reset, timeout), after closing the connection so that the next call starts afresh.
     */
    public int exchange(Request request) throws IOException {
      try {
        if (socket == null) {
          open(request.uri());
        }
        out.write(request.bytes());
        out.flush();
        return readResponse();
      } catch (IOException | RuntimeException e) {
        close();
        throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
    }

    private void open(URI uri) throws IOException {
      boolean https = "https".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
      Socket plain = new Socket();
      plain.setTcpNoDelay(true);
      plain.setSoTimeout(timeoutMillis);
      plain.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
      if (https) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, uri.getHost(), port, true);
        if (verifyHostname) {
          SSLParameters params = ssl.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          ssl.setSSLParameters(params);
        }
        ssl.startHandshake();
        socket = ssl;
      } else {
        socket = plain;
      }
      in = new BufferedInputStream(socket.getInputStream(), 16384);
      out = socket.getOutputStream();
    }

    /**
     * Reads the status line and headers as bytes in the line buffer: no String per line or header (the hot path
     * of a load test).
     */
    private int readResponse() throws IOException {
      int code = framing.statusLine(line, 0, readLine());
      for (int n = readLine(); n > 0; n = readLine()) {
        framing.header(line, 0, n);
      }
      boolean close = framing.closes();
      if (framing.chunked()) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          skip(size);
          readLine();
        }
        while (readLine() > 0) {
          // trailers
        }
      } else if (framing.length() >= 0) {
        skip(framing.length());
      } else {
        in.transferTo(OutputStream.nullOutputStream()); // body until the server closes
        close = true;
      }
      if (close) {
        close();
      }
      return code;
    }

    private long chunkSize() throws IOException {
      return ResponseFraming.chunkSize(line, 0, readLine());
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long s = in.skip(n);
        if (s <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed in the middle of the answer");
          }
          s = 1;
        }
        n -= s;
      }
    }

    /** The next line into {@link #line} (without CR LF; a longer line is cut); its length. */
    private int readLine() throws IOException {
      int n = 0;
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed by the server");
        }
        if (n < line.length) {
          line[n++] = (byte) b;
        }
      }
      if (n > 0 && line[n - 1] == '\r') {
        n--;
      }
      return n;
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a broken connection: nothing to report
        }
      }
      socket = null;
    }
  }
}
