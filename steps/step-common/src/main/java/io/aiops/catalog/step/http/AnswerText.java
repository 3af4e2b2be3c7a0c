package io.aiops.catalog.step.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;

/**
 * An answer's body as text: at most {@code limit} bytes, as sent and once decompressed, and gzip-decoded when the
 * server compressed it (StepHttp asks for gzip on GETs: Prometheus, Thanos and Quarkus services compress a range
 * of 10,000 points about fivefold, which is less to carry and, at C1 speed, less to decrypt).
 *
 * <p>Why bounded: the JDK's {@code ofString()} keeps whatever arrives. A server that streams without end, or a
 * few kilobytes of gzip that inflate to gigabytes, would fill the heap of a step that runs in 64 MB and end it
 * with an OutOfMemoryError instead of one line saying what happened.
 */
final class AnswerText implements HttpResponse.BodyHandler<String> {
  /**
   * Far over any answer of the APIs the steps read (a 10,000-point range is ~250 kB, 2,000 metrics ~2 MB): 32 MB,
   * or an eighth of the heap when that is less, so that one answer, its copy and its text fit a step's heap.
   */
  static final long DEFAULT_LIMIT = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 8);

  /** Thrown (under the HttpClient's IOException) when an answer is over the limit: not worth a retry. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  private final long limit;

  AnswerText(long limit) {
    this.limit = limit;
  }

  @Override
  public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    return new Collector(limit, gzip(info.headers()), charset(info.headers()));
  }

  private static boolean gzip(HttpHeaders headers) {
    return headers.firstValue("Content-Encoding").map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
  }

  private static Charset charset(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    int at = type.indexOf("charset=");
    if (at >= 0) {
      String name = type.substring(at + "charset=".length()).split(";")[0].trim().replace("\"", "");
      try {
        return Charset.forName(name);
      } catch (RuntimeException unknown) {
        return StandardCharsets.UTF_8; // JSON is UTF-8 whatever a server claims
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static final class Collector implements HttpResponse.BodySubscriber<String> {
    private final long limit;
    private final boolean gzip;
    private final Charset charset;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Collector(long limit, boolean gzip, Charset charset) {
      this.limit = limit;
      this.gzip = gzip;
      this.charset = charset;
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        if (bytes.size() + (long) b.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(tooLarge(gzip ? "compressed answer" : "answer"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      if (body.isDone()) {
        return;
      }
      try {
        byte[] raw = bytes.toByteArray();
        body.complete(new String(gzip ? inflate(raw) : raw, charset));
      } catch (IOException e) {
        body.completeExceptionally(e);
      }
    }

    private byte[] inflate(byte[] raw) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length * 4));
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 16384)) {
        byte[] buffer = new byte[16384];
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (out.size() + (long) n > limit) {
            throw tooLarge("answer, once decompressed,");
          }
          out.write(buffer, 0, n);
        }
      } catch (TooLarge e) {
        throw e;
      } catch (IOException e) {
        throw new IOException("the answer says it is gzip-compressed but does not decompress (" + e.getMessage()
            + ")", e);
      }
      return out.toByteArray();
    }

    private TooLarge tooLarge(String what) {
      return new TooLarge("the " + what + " is over " + (limit >> 20 > 0 ? (limit >> 20) + " MB" : limit + " bytes")
          + ", more than this API ever sends: is the URL right?");
    }
  }
}
