package io.aiops.catalog.step.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 answer from bytes as they arrive, in as many pieces as the network gives them: the status
 * line, the three headers that frame the body (Content-Length, Transfer-Encoding: chunked, Connection), then the
 * body, skipped without being kept. No String, no allocation per answer: the hot path of the selector load.
 * Interim 1xx answers are skipped; 204 and 304 have no body; an answer with neither length nor chunks lasts until
 * the server closes. Not thread-safe: one per connection.
 */
public final class ResponseParser {
  private static final int STATUS = 0, HEADERS = 1, BODY = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4, CHUNK_END = 5,
      TRAILERS = 6, UNTIL_CLOSE = 7, DONE = 8;
  private static final byte[] HTTP_1 = ascii("HTTP/1.");
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private int state;
  private int status;
  private long length;
  private long remaining;
  private boolean chunked;
  private boolean close;
  private boolean skippingLine;
  private byte[] a;

  /** Ready for the next answer. */
  public void reset() {
    state = STATUS;
    skippingLine = false;
  }

  public boolean done() {
    return state == DONE;
  }

  /** The answer's status code, once {@link #done()}. */
  public int status() {
    return status;
  }

  /** The server closes the connection after this answer (Connection: close, HTTP/1.0, or a body until close). */
  public boolean closes() {
    return close;
  }

  /**
   * Reads what it can of the bytes a channel read into {@code in} (a heap buffer, in write mode: from 0 to its
   * position) and keeps in it only a line not yet whole; true when the answer is complete.
   */
  public boolean read(ByteBuffer in) throws IOException {
    int stop = feed(in.array(), 0, in.position());
    if (stop == in.position()) {
      in.clear();
    } else {
      in.limit(in.position()).position(stop);
      in.compact();
    }
    return done();
  }

  /**
   * Reads what it can of {@code bytes[from, to)}; returns where it stopped: at {@code to}, at the end of the answer,
   * or at the start of a line not yet whole (the caller keeps those bytes and gives them again with more).
   */
  private int feed(byte[] bytes, int from, int to) throws IOException {
    a = bytes;
    int at = from;
    while (at < to && state != DONE) {
      if (state == BODY || state == CHUNK_DATA) {
        int n = (int) Math.min(remaining, to - at);
        at += n;
        remaining -= n;
        if (remaining == 0) {
          state = state == BODY ? DONE : CHUNK_END;
        }
      } else if (state == UNTIL_CLOSE) {
        at = to;
      } else {
        int eol = indexOf((byte) '\n', at, to);
        if (eol < 0) {
          if (skippingLine || (at == 0 && to == bytes.length)) {
            if (state == STATUS) {
              throw new IOException("not an HTTP/1.x answer: status line longer than " + bytes.length + " bytes");
            }
            skippingLine = true; // a header longer than the buffer: only its end is looked for
            return to;
          }
          return at;
        }
        int end = eol > at && a[eol - 1] == '\r' ? eol - 1 : eol;
        if (skippingLine) {
          skippingLine = false;
        } else {
          line(at, end);
        }
        at = eol + 1;
      }
    }
    return at;
  }

  /** The server closed the connection: the end of an answer read until close, else an error. */
  public void closed() throws IOException {
    if (state == UNTIL_CLOSE) {
      state = DONE;
    } else if (state != DONE) {
      throw new IOException("connection closed by the server");
    }
  }

  private void line(int from, int to) throws IOException {
    switch (state) {
      case STATUS -> statusLine(from, to);
      case HEADERS -> {
        if (to == from) {
          endOfHead();
        } else {
          header(from, to);
        }
      }
      case CHUNK_SIZE -> {
        remaining = chunkSize(from, to);
        state = remaining == 0 ? TRAILERS : CHUNK_DATA;
      }
      case CHUNK_END -> state = CHUNK_SIZE;
      case TRAILERS -> state = to == from ? DONE : TRAILERS;
      default -> throw new IllegalStateException("no line expected in state " + state);
    }
  }

  private void statusLine(int from, int to) throws IOException {
    if (to - from < 12 || !startsWith(from, to, HTTP_1)) {
      throw new IOException("not an HTTP/1.x answer: " + new String(a, from, Math.min(to - from, 200),
          StandardCharsets.ISO_8859_1));
    }
    status = digit(from + 9) * 100 + digit(from + 10) * 10 + digit(from + 11);
    close = a[from + 7] == '0';
    length = -1;
    chunked = false;
    state = HEADERS;
  }

  private void header(int from, int to) throws IOException {
    int colon = indexOf((byte) ':', from, to);
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
    if (equalsIgnoreCase(from, nameEnd, CONTENT_LENGTH)) {
      length = number(v, end);
    } else if (equalsIgnoreCase(from, nameEnd, TRANSFER_ENCODING)) {
      chunked = contains(v, end, CHUNKED);
    } else if (equalsIgnoreCase(from, nameEnd, CONNECTION)) {
      close = equalsIgnoreCase(v, end, CLOSE) || (close && !equalsIgnoreCase(v, end, KEEP_ALIVE));
    }
  }

  private void endOfHead() {
    if (status / 100 == 1 && status != 101) {
      state = STATUS; // interim answer (100 Continue, 103 Early Hints): the real one follows
    } else if (status == 204 || status == 304) {
      state = DONE;
    } else if (chunked) {
      state = CHUNK_SIZE;
    } else if (length >= 0) {
      remaining = length;
      state = length == 0 ? DONE : BODY;
    } else {
      close = true;
      state = UNTIL_CLOSE;
    }
  }

  private long chunkSize(int from, int to) throws IOException {
    long size = 0;
    int i = from;
    while (i < to && blank(a[i])) {
      i++;
    }
    int digits = 0;
    for (; i < to && a[i] != ';' && !blank(a[i]); i++, digits++) {
      int d = Character.digit(a[i], 16);
      if (d < 0 || digits == 15) {
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

  private int digit(int at) throws IOException {
    int d = a[at] - '0';
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
      int d = a[i] - '0';
      if (d < 0 || d > 9) {
        throw new IOException("Content-Length is not a number");
      }
      value = value * 10 + d;
    }
    return value;
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private boolean startsWith(int from, int to, byte[] prefix) {
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

  private boolean equalsIgnoreCase(int from, int to, byte[] lower) {
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

  private boolean contains(int from, int to, byte[] lower) {
    for (int i = from; i + lower.length <= to; i++) {
      if (equalsIgnoreCase(i, i + lower.length, lower)) {
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
