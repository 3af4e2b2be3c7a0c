package io.aiops.catalog.trustyai;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The TrustyAI service's scheduled-metrics API, as it really answers (see shared/reference/trustyai/API.md):
 * listings in arbitrary order, no de-duplication, 400s with a violations body or an empty one.
 */
public final class TrustyAiService {
  public static final String LIST_ALL = "/metrics/all/requests";
  public static final String HEALTH = "/q/health/ready";
  private static final ObjectMapper JSON = Json.mapper();

  private final URI base;
  private final StepHttp http;

  public TrustyAiService(URI base, StepHttp http) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http = http;
  }

  public URI base() {
    return base;
  }

  public void awaitReady(Duration within) {
    http.awaitReady(resolve(HEALTH), within);
  }

  /** Every scheduled request, with drift fittings and parameters (the per-type listings drop them). */
  public List<ScheduledRequest> listAll() {
    URI uri = resolve(LIST_ALL);
    HttpResponse<String> response = http.get(uri);
    if (response.statusCode() != 200) {
      throw failure("GET", uri, response);
    }
    try {
      JsonNode root = JSON.readTree(response.body());
      JsonNode requests = root.path("requests");
      if (!requests.isArray()) {
        throw StepException.unavailable("GET " + uri + " answered without a \"requests\" array: is this a "
            + "TrustyAI service?", null);
      }
      List<ScheduledRequest> out = new ArrayList<>();
      for (JsonNode entry : requests) {
        if (entry.path("request") instanceof ObjectNode request) {
          out.add(new ScheduledRequest(entry.path("id").asText(null), request));
        }
      }
      return out;
    } catch (JsonProcessingException e) {
      throw StepException.unavailable("GET " + uri + " answered with invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The outcome of scheduling one request: its new id, or the service's refusal. */
  public record Scheduled(String requestId, int status, String refusal) {
    public boolean ok() {
      return requestId != null;
    }
  }

  /**
   * Schedules a request exactly as listed (the service accepts its own listing's objects back), routed by
   * metricName. 400s are returned as refusals with the violation text; they are not retried.
   */
  public Scheduled schedule(ObjectNode request) {
    MetricType type = MetricType.fromMetricName(request.path("metricName").asText(null))
        .orElseThrow(() -> StepException.usage("request has no known metricName: " + request.path("metricName")));
    URI uri = resolve(type.requestPath());
    HttpResponse<String> response = http.postJson(uri, request.toString(), false);
    int status = response.statusCode();
    if (status == 200) {
      try {
        String id = JSON.readTree(response.body()).path("requestId").asText(null);
        if (id != null) {
          return new Scheduled(id, status, null);
        }
      } catch (JsonProcessingException e) {
        // fall through: reported below as an unexpected answer
      }
      return new Scheduled(null, status, "200 without a requestId: " + abbreviate(response.body()));
    }
    if (status >= 400 && status < 500) {
      return new Scheduled(null, status, violations(response.body()));
    }
    throw failure("POST", uri, response);
  }

  /** The service's own words for a 400: the violation messages, or what the empty body means. */
  static String violations(String body) {
    if (body == null || body.isBlank()) {
      return "rejected with an empty body (malformed JSON or a lower-case type name)";
    }
    try {
      JsonNode root = JSON.readTree(body);
      List<String> messages = new ArrayList<>();
      for (JsonNode v : root.path("violations")) {
        String message = v.path("message").asText("");
        if (!message.isEmpty() && !message.startsWith("The supplied metric request details are not valid")) {
          messages.add(message);
        }
      }
      return messages.isEmpty() ? abbreviate(body) : String.join("; ", messages);
    } catch (JsonProcessingException e) {
      return abbreviate(body);
    }
  }

  private StepException failure(String method, URI uri, HttpResponse<String> response) {
    int status = response.statusCode();
    String hint = status == 401 || status == 403
        ? ": the token was refused; give a token allowed to reach the service (--token-file)" : "";
    String message = method + " " + uri + " answered HTTP " + status + hint + " " + abbreviate(response.body());
    return status == 401 || status == 403 ? StepException.usage(message.trim())
        : StepException.unavailable(message.trim(), null);
  }

  private URI resolve(String path) {
    return URI.create(base + path);
  }

  private static String abbreviate(String body) {
    return ResponseBodies.excerpt(body);
  }
}
