package io.aiops.catalog.step.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus Pushgateway (Debian prometheus-pushgateway) on a free loopback port, for a test class:
 * {@code @RegisterExtension static final RealPushgateway gateway = RealPushgateway.perTestClass();}
 */
public final class RealPushgateway implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private Process process;
  private String url;

  private RealPushgateway() {}

  /** Started before the class's first test, stopped after its last. */
  public static RealPushgateway perTestClass() {
    return new RealPushgateway();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
    int port = LocalProcesses.freePort();
    process = LocalProcesses.startListening(List.of("prometheus-pushgateway",
        "--web.listen-address=127.0.0.1:" + port), port, Files.createTempFile("pushgateway", ".log"));
    url = "http://127.0.0.1:" + port;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public String url() {
    if (url == null) {
      throw new IllegalStateException("the gateway starts before the test class: register it with "
          + "@RegisterExtension on a static field");
    }
    return url;
  }

  /** What Prometheus would scrape: the gateway's /metrics. */
  public String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("pushgateway /metrics answered " + r.statusCode());
    }
    return r.body();
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
    }
  }
}
