package io.aiops.catalog.step.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one HTTP/1.1 answer from bytes as they arrive, in as many pieces as the network gives them: the status
 * line, the three headers that frame the body (Content-Length, Transfer-Encoding: chunked, Connection), then the
 * body, skipped without being kept. No String, no allocation per answer: the hot path of the selector load.
 * Interim 1xx answers are skipped; 204 and 304 have no body; an answer with neither length nor chunks lasts until
 * the server closes. Not thread-safe: one per connection.
 *
 * <p>The head is read by the same {@link ResponseFraming} as {@link LoadClient}'s; this class adds what a
 * non-blocking reader needs: lines split across reads, and a body skipped as its bytes arrive.
 */
public final class ResponseParser {
  private static final int STATUS = 0, HEADERS = 1, BODY = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4, CHUNK_END = 5,
      TRAILERS = 6, UNTIL_CLOSE = 7, DONE = 8;
  private final ResponseFraming framing = new ResponseFraming();
  private int state;
  private long remaining;
  private boolean untilClose;
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
    return framing.status();
  }

  /** The server closes the connection after this answer (Connection: close, HTTP/1.0, or a body until close). */
  public boolean closes() {
    return framing.closes() || untilClose;
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
        int eol = ResponseFraming.indexOf(a, (byte) '\n', at, to);
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
      case STATUS -> {
        framing.statusLine(a, from, to);
        untilClose = false;
        state = HEADERS;
      }
      case HEADERS -> {
        if (to == from) {
          endOfHead();
        } else {
          framing.header(a, from, to);
        }
      }
      case CHUNK_SIZE -> {
        remaining = ResponseFraming.chunkSize(a, from, to);
        state = remaining == 0 ? TRAILERS : CHUNK_DATA;
      }
      case CHUNK_END -> state = CHUNK_SIZE;
      case TRAILERS -> state = to == from ? DONE : TRAILERS;
      default -> throw new IllegalStateException("no line expected in state " + state);
    }
  }

  private void endOfHead() {
    int status = framing.status();
    if (status / 100 == 1 && status != 101) {
      state = STATUS; // interim answer (100 Continue, 103 Early Hints): the real one follows
    } else if (status == 204 || status == 304) {
      state = DONE;
    } else if (framing.chunked()) {
      state = CHUNK_SIZE;
    } else if (framing.length() >= 0) {
      remaining = framing.length();
      state = remaining == 0 ? DONE : BODY;
    } else {
      untilClose = true;
      state = UNTIL_CLOSE;
    }
  }
}
