import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reference point of the benchmark: the same closed loop (C threads, one request at a time) on the JDK's
 * java.net.http.HttpClient, the engine of step-common's StepHttp, to show why the load uses LoadClient instead.
 * Run: java JdkHttpClientLoad.java URL SECONDS CONCURRENCY
 */
public class JdkHttpClientLoad {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    long seconds = Long.parseLong(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    String body = "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[0.5,0.5,0.5,0.5]}]}";
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    Thread[] threads = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      threads[i] = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            int s = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            (s == 200 ? ok : failed).incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("jdk HttpClient: %.0f req/s, %d requests, %d failed%n", (ok.get() + failed.get()) / elapsed,
        ok.get() + failed.get(), failed.get());
  }
}
