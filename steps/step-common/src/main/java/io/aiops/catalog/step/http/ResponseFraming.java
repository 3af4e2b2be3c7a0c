package io.aiops.catalog.step.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What frames an HTTP/1.1 answer's body, read from the bytes of its status line, its headers and its chunk size
 * lines: the status code, Content-Length, Transfer-Encoding: chunked, and whether the server closes the connection
 * after the answer. One reading for both load clients, the blocking {@link LoadClient} and the selector's
 * {@link ResponseParser}, which differ only in how the bytes reach them.
 *
 * <p>Bytes, not Strings: this runs for every request of a load test, where a String per line or header costs more
 * than a small endpoint's answer. Only the three headers that frame the body are looked at. Not thread-safe: one
 * per connection.
 */
final class ResponseFraming {
  private static final byte[] HTTP_1 = ascii("HTTP/1.");
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private int status;
  private long length;
  private boolean chunked;
  private boolean close;

  /** Starts an answer from its status line {@code a[from, to)}, without CR LF; its status code. */
  int statusLine(byte[] a, int from, int to) throws IOException {
    if (to - from < 12 || !startsWith(a, from, to, HTTP_1)) {
      // cut: the error is one line, and a peer speaking another protocol may send anything
      throw new IOException("not an HTTP/1.x answer: " + new String(a, from, Math.min(to - from, 200),
          StandardCharsets.ISO_8859_1));
    }
    status = digit(a, from + 9) * 100 + digit(a, from + 10) * 10 + digit(a, from + 11);
    close = a[from + 7] == '0'; // HTTP/1.0 closes unless its Connection header says keep-alive
    length = -1;
    chunked = false;
    return status;
  }

  /** One header line {@code a[from, to)}; a line without a colon is passed over: it cannot change the framing. */
  void header(byte[] a, int from, int to) throws IOException {
    int colon = indexOf(a, (byte) ':', from, to);
    if (colon < 0) {
      return;
    }
    int nameEnd = colon;
    while (nameEnd > from && blank(a[nameEnd - 1])) {
      nameEnd--;
    }
    int v = colon + 1;
    while (v < to && blank(a[v])) {
      v++;
    }
    int end = to;
    while (end > v && blank(a[end - 1])) {
      end--;
    }
    if (equalsIgnoreCase(a, from, nameEnd, CONTENT_LENGTH)) {
      length = number(a, v, end);
    } else if (equalsIgnoreCase(a, from, nameEnd, TRANSFER_ENCODING)) {
      chunked = contains(a, v, end, CHUNKED);
    } else if (equalsIgnoreCase(a, from, nameEnd, CONNECTION)) {
      close = equalsIgnoreCase(a, v, end, CLOSE) || (close && !equalsIgnoreCase(a, v, end, KEEP_ALIVE));
    }
  }

  int status() {
    return status;
  }

  /** Content-Length, or -1 when the answer has none. */
  long length() {
    return length;
  }

  boolean chunked() {
    return chunked;
  }

  /** The head says the server closes the connection after this answer (Connection: close, or HTTP/1.0). */
  boolean closes() {
    return close;
  }

  /** The size in a chunk's size line {@code a[from, to)}: hex digits, then maybe blanks or {@code ;extensions}. */
  static long chunkSize(byte[] a, int from, int to) throws IOException {
    long size = 0;
    int i = from;
    while (i < to && blank(a[i])) {
      i++;
    }
    int digits = 0;
    for (; i < to && a[i] != ';' && !blank(a[i]); i++, digits++) {
      int d = Character.digit(a[i], 16);
      if (d < 0 || digits == 15) { // 15 hex digits cannot overflow a long
        throw new IOException("not a chunk size: " + new String(a, from, Math.min(to - from, 40),
            StandardCharsets.ISO_8859_1));
      }
      size = size * 16 + d;
    }
    if (digits == 0) {
      throw new IOException("empty chunk size");
    }
    return size;
  }

  static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int digit(byte[] a, int at) throws IOException {
    int d = a[at] - '0';
    if (d < 0 || d > 9) {
      throw new IOException("not an HTTP status code in the status line");
    }
    return d;
  }

  private static long number(byte[] a, int from, int to) throws IOException {
    if (from == to || to - from > 18) { // 18 decimal digits cannot overflow a long
      throw new IOException("Content-Length is not a number");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = a[i] - '0';
      if (d < 0 || d > 9) {
        throw new IOException("Content-Length is not a number");
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static boolean startsWith(byte[] a, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (a[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** ASCII case only: header names and the tokens looked for are ASCII, so no Locale can change the answer. */
  private static boolean equalsIgnoreCase(byte[] a, int from, int to, byte[] lower) {
    if (to - from != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      int c = a[from + i];
      if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] a, int from, int to, byte[] lower) {
    for (int i = from; i + lower.length <= to; i++) {
      if (equalsIgnoreCase(a, i, i + lower.length, lower)) {
        return true;
      }
    }
    return false;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
