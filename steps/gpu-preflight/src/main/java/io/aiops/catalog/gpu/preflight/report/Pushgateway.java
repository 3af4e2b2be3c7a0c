package io.aiops.catalog.gpu.preflight.report;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Pushes the exposition text to a Prometheus Pushgateway under {@code job=gpu-preflight} and {@code node=<name>}:
 * PUT replaces the node's previous group, so a check that stopped failing stops showing as failed.
 */
public final class Pushgateway {
  public static final String JOB = "gpu-preflight";
  private final URI base;
  private final StepHttp http;

  public Pushgateway(String url, StepHttp http) {
    URI parsed;
    try {
      parsed = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw StepException.usage("--pushgateway-url " + url + " is not a URL: " + e.getMessage());
    }
    if (parsed.getScheme() == null || !parsed.getScheme().startsWith("http") || parsed.getHost() == null) {
      throw StepException.usage("--pushgateway-url must be http(s)://host:port, got " + url);
    }
    this.base = parsed;
    this.http = http;
  }

  public URI groupUri(String node) {
    return URI.create(base + "/metrics/job/" + JOB + "/node/" + URLEncoder.encode(node, StandardCharsets.UTF_8)
        .replace("+", "%20"));
  }

  public void push(String node, String exposition) {
    URI uri = groupUri(node);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(exposition)), true);
    if (response.statusCode() / 100 != 2) {
      throw StepException.unavailable("Pushgateway " + uri + " answered " + response.statusCode() + ": "
          + response.body().strip(), null);
    }
  }
}
