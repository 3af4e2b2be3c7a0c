package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The selector load's reading of answers, given in every possible split (the network gives bytes in any pieces):
 * each answer must end exactly where the next begins, whatever the split.
 */
class ResponseParserTest {
  /** Parses {@code wire} as consecutive answers, read {@code piece} bytes at a time into a buffer of {@code size}. */
  static List<String> parse(String wire, int piece, int size) throws IOException {
    byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
    ResponseParser parser = new ResponseParser();
    ByteBuffer in = ByteBuffer.allocate(size);
    List<String> answers = new ArrayList<>();
    parser.reset();
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(Math.min(piece, in.remaining()), bytes.length - at);
      in.put(bytes, at, n);
      at += n;
      // the bytes after an answer stay in the buffer: the next answer's start (never sent by a server the load
      // waits for, which answers one request at a time; here, several answers in one piece)
      for (boolean done = parser.read(in); done; done = in.position() > 0 && parser.read(in)) {
        answers.add(parser.status() + (parser.closes() ? " close" : ""));
        parser.reset();
      }
    }
    return answers;
  }

  static final String TWO = "HTTP/1.1 200 OK\r\ncontent-LENGTH :  5 \r\nX-Other: a:b\r\n\r\nhello"
      + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding:  Chunked\r\n\r\n3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n"
      + "0\r\nTrailer: t\r\n\r\n"
      + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
      + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: Close\r\n\r\n";

  @Test
  void answersEndExactlyWhereTheNextBeginsWhateverTheSplit() throws IOException {
    for (int piece = 1; piece <= TWO.length(); piece++) {
      assertThat(parse(TWO, piece, 256)).as("in pieces of %d bytes", piece)
          .containsExactly("200", "404", "204", "503 close");
    }
  }

  @Test
  void aHeaderLongerThanTheBufferIsSkippedNotMisread() throws IOException {
    String wire = "HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(300) + "\r\nContent-Length: 2\r\n\r\nok"
        + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
    for (int piece : new int[] {1, 7, 64}) {
      assertThat(parse(wire, piece, 64)).containsExactly("200", "201");
    }
  }

  @Test
  void http10AndBodiesWithoutLengthCloseTheConnection() throws IOException {
    assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 3, 64)).containsExactly("200 close");
    assertThat(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 3, 64))
        .containsExactly("200");

    ResponseParser parser = new ResponseParser();
    parser.reset();
    ByteBuffer in = ByteBuffer.allocate(64).put("HTTP/1.1 200 OK\r\n\r\npartial body".getBytes());
    assertThat(parser.read(in)).isFalse();
    parser.closed();
    assertThat(parser.done()).isTrue();
    assertThat(parser.closes()).isTrue();
  }

  @Test
  void aServerClosingMidAnswerOrSpeakingSomethingElseIsAnError() {
    ResponseParser parser = new ResponseParser();
    parser.reset();
    ByteBuffer in = ByteBuffer.allocate(64).put("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes());
    assertThatThrownBy(() -> {
      parser.read(in);
      parser.closed();
    }).hasMessage("connection closed by the server");

    assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH_9.2\r\n\r\n", 5, 64))
        .hasMessageContaining("not an HTTP/1.x answer: SSH-2.0");
    assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 5, 64))
        .hasMessageContaining("not a chunk size");
    assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", 5, 64))
        .hasMessageContaining("Content-Length is not a number");
  }
}
