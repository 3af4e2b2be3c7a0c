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

  private static final byte[] HTTP_1 = ascii("HTTP/1.");
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public final class Connection implements Closeable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];

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
     * Reads the status line and headers as bytes in the line buffer: no String per line or header, only the
     * three headers that frame the body are looked at (the hot path of a load test).
     */
    private int readResponse() throws IOException {
      int n = readLine();
      if (n < 12 || !startsWith(n, HTTP_1)) {
        throw new IOException("not an HTTP/1.x answer: " + new String(line, 0, n, StandardCharsets.ISO_8859_1));
      }
      int code = digit(9) * 100 + digit(10) * 10 + digit(11);
      long length = -1;
      boolean chunked = false;
      boolean close = line[7] == '0';
      for (n = readLine(); n > 0; n = readLine()) {
        int colon = indexOf(':', 0, n);
        if (colon < 0) {
          continue;
        }
        int v = colon + 1;
        while (v < n && (line[v] == ' ' || line[v] == '\t')) {
          v++;
        }
        int end = n;
        while (end > v && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
          end--;
        }
        if (nameIs(colon, CONTENT_LENGTH)) {
          length = number(v, end);
        } else if (nameIs(colon, TRANSFER_ENCODING)) {
          chunked = contains(v, end, CHUNKED);
        } else if (nameIs(colon, CONNECTION)) {
          boolean closeValue = equalsIgnoreCase(v, end, CLOSE);
          close = closeValue || (close && !equalsIgnoreCase(v, end, KEEP_ALIVE));
        }
      }
      if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          skip(size);
          readLine();
        }
        while (readLine() > 0) {
          // trailers
        }
      } else if (length >= 0) {
        skip(length);
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
      int n = readLine();
      int semi = indexOf(';', 0, n);
      String size = new String(line, 0, semi >= 0 ? semi : n, StandardCharsets.ISO_8859_1).trim();
      return Long.parseLong(size, 16);
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

    private int digit(int at) throws IOException {
      int d = line[at] - '0';
      if (d < 0 || d > 9) {
        throw new IOException("not an HTTP status code in the status line");
      }
      return d;
    }

    private long number(int from, int to) throws IOException {
      if (from == to || to - from > 18) {
        throw new IOException("Content-Length is not a number");
      }
      long value = 0;
      for (int i = from; i < to; i++) {
        int d = line[i] - '0';
        if (d < 0 || d > 9) {
          throw new IOException("Content-Length is not a number");
        }
        value = value * 10 + d;
      }
      return value;
    }

    private int indexOf(char c, int from, int to) {
      for (int i = from; i < to; i++) {
        if (line[i] == c) {
          return i;
        }
      }
      return -1;
    }

    private boolean startsWith(int n, byte[] prefix) {
      if (n < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (line[i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    /** The header name, before {@code colon} and without trailing blanks, is {@code name} (any case). */
    private boolean nameIs(int colon, byte[] name) {
      int end = colon;
      while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        end--;
      }
      return equalsIgnoreCase(0, end, name);
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lower) {
      if (to - from != lower.length) {
        return false;
      }
      for (int i = 0; i < lower.length; i++) {
        if (Character.toLowerCase((char) (line[from + i] & 0xff)) != lower[i]) {
          return false;
        }
      }
      return true;
    }

    private boolean contains(int from, int to, byte[] lower) {
      for (int i = from; i + lower.length <= to; i++) {
        if (equalsIgnoreCase(i, i + lower.length, lower)) {
          return true;
        }
      }
      return false;
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
