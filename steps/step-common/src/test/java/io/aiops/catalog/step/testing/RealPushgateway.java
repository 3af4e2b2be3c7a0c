package io.aiops.catalog.step.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

/** A real Prometheus Pushgateway (Debian prometheus-pushgateway) on a free loopback port, for a test class. */
public final class RealPushgateway implements AutoCloseable {
  private final Process process;
  private final String url;

  private RealPushgateway(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  public static RealPushgateway start() throws IOException, InterruptedException {
    int port = LocalProcesses.freePort();
    Process p = LocalProcesses.startListening(List.of("prometheus-pushgateway",
        "--web.listen-address=127.0.0.1:" + port), port, Files.createTempFile("pushgateway", ".log"));
    return new RealPushgateway(p, "http://127.0.0.1:" + port);
  }

  public String url() {
    return url;
  }

  /** What Prometheus would scrape: the gateway's /metrics. */
  public String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("pushgateway /metrics answered " + r.statusCode());
    }
    return r.body();
  }

  @Override
  public void close() {
    process.destroy();
  }
}
