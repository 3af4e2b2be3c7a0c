package io.aiops.catalog.step.kube.testing;

import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * What fabric8's mock server lacks of a real API server's response writer: kube-apiserver (APIResponseCompression,
 * on by default since 1.16; k8s.io/apiserver endpoints/handlers/responsewriters/writers.go) gzips an answer whose
 * body is over 128 KiB when the request accepts gzip, at compression level 1, with {@code Content-Encoding: gzip}
 * and {@code Vary: Accept-Encoding}. Smaller answers, and requests that do not ask (fabric8's own calls), go out
 * as they are. Wraps any dispatcher; counts the answers it compressed.
 */
public final class ApiServerCompression extends Dispatcher {
  static final int THRESHOLD_BYTES = 128 * 1024;

  private final Dispatcher delegate;
  private final AtomicInteger compressed = new AtomicInteger();

  public ApiServerCompression(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = delegate.dispatch(request);
    String accepts = request.getHeader("Accept-Encoding");
    Buffer body = response.getBody();
    if (accepts == null || !accepts.toLowerCase(java.util.Locale.ROOT).contains("gzip") || body == null
        || body.size() <= THRESHOLD_BYTES || response.getWebSocketListener() != null) {
      return response;
    }
    compressed.incrementAndGet();
    return response.setBody(gzip(body.getBytes())).setHeader("Content-Encoding", "gzip")
        .setHeader("Vary", "Accept-Encoding");
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  /** Answers sent gzip-compressed so far. */
  public int compressed() {
    return compressed.get();
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 8);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
