package io.aiops.catalog.step.metrics;

import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Prometheus Pushgateway: PUT replaces the whole group ({@code job} plus grouping labels), so a series that a run
 * no longer writes (a check that stopped failing) disappears instead of lingering from an older run. The gateway
 * stamps each group with {@code push_time_seconds}, which the alerts use as "last checked".
 */
public final class Pushgateway {
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

  /** {@code /metrics/job/<job>/<label>/<value>...}, values URL-encoded (a node name may hold any character). */
  public URI groupUri(String job, Map<String, String> grouping) {
    StringBuilder path = new StringBuilder(base.toString()).append("/metrics/job/").append(encode(job));
    grouping.forEach((k, v) -> {
      // the Pushgateway's own rule: an empty value must be sent base64-encoded, as "=" under label@base64
      path.append('/').append(k).append(v.isEmpty() ? "@base64/=" : "/" + encode(v));
    });
    return URI.create(path.toString());
  }

  public void put(String job, Map<String, String> grouping, String exposition) {
    URI uri = groupUri(job, grouping);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(exposition)), true);
    if (response.statusCode() / 100 != 2) {
      throw StepException.unavailable("Pushgateway " + uri + " answered " + response.statusCode() + ": "
          + ResponseBodies.excerpt(response.body()), null);
    }
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
