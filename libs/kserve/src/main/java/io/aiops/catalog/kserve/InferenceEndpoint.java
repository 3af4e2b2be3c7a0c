package io.aiops.catalog.kserve;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.http.StepHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One model behind one protocol (KServe v1, or v2 / Open Inference Protocol): how to ask it and how to read its
 * answer. The one inference client of the catalog: accuracy-gate scores through it, model-validate checks it.
 */
public abstract class InferenceEndpoint {
  static final ObjectMapper JSON = Json.mapper();
  /** The name a serving runtime uses when it was not told the model's own. */
  public static final String DEFAULT_NAME = "model";

  /** What the model answered for some rows: predictions one per row, or what is wrong with the answer. */
  public record Prediction(int status, List<JsonNode> perRow, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** The answer was not what the protocol promises. */
  public static final class BadAnswer extends Exception {
    BadAnswer(String message) {
      super(message);
    }
  }

  final URI base;
  final String model;
  final StepHttp http;

  InferenceEndpoint(URI base, String model, StepHttp http) {
    this.base = base;
    this.model = model;
    this.http = http;
  }

  /**
   * The endpoint of {@code model} at {@code base}; with {@link Protocol#auto}, v2 when the server answers its
   * health endpoint, else v1.
   */
  public static InferenceEndpoint open(URI base, String model, Protocol protocol, StepHttp http, StepLog log) {
    return open(base, model, protocol, http, http, log);
  }

  /** As above, with the protocol probe made through {@code probe} (e.g. a client bounded by a ready deadline). */
  public static InferenceEndpoint open(URI base, String model, Protocol protocol, StepHttp http, StepHttp probe,
      StepLog log) {
    return switch (protocol) {
      case v1 -> new V1Endpoint(base, model, http);
      case v2 -> new V2Endpoint(base, model, http);
      case auto -> {
        V2Endpoint v2 = new V2Endpoint(base, model, http);
        HttpResponse<String> health = probe.get(v2.at("/v2/health/ready"));
        if (health.statusCode() / 100 == 2) {
          yield v2;
        }
        log.debug("GET /v2/health/ready -> HTTP %d: trying v1", health.statusCode());
        yield new V1Endpoint(base, model, http);
      }
    };
  }

  public String model() {
    return model;
  }

  public URI base() {
    return base;
  }

  public abstract Protocol protocol();

  /** The model's readiness endpoint, which answers 503 while the model loads. */
  public abstract URI readyUri();

  /** Readiness and the served name (the model must be served under its own name, not "model"). */
  public abstract List<Finding> serving();

  /**
   * The input the model declares, read from its metadata once (v2); empty when the protocol has none (v1) or the
   * model does not say. Requests are shaped by it from then on.
   */
  public abstract Optional<ModelInput> describe();

  /** A problem of rows this wide against what the model declares, before anything is sent. */
  public Optional<String> mismatch(int width) {
    return describe().filter(in -> in.width() > 0 && in.width() != width)
        .map(in -> String.format("wrong input width: the sample has %d feature(s) a row, the model's metadata "
            + "declares %d (input %s shape %s)", width, in.width(), in.name(), in.featureDims()));
  }

  public abstract URI inferUri();

  /** The request body asking for {@code rows}, each a list of feature values. */
  public abstract byte[] body(List<ArrayNode> rows);

  /** One prediction per row (a label, or an array of class probabilities), checked against the protocol. */
  public abstract List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer;

  public Prediction predict(List<ArrayNode> rows) {
    HttpResponse<String> response = http.postJson(inferUri(), new String(body(rows), StandardCharsets.UTF_8),
        false);
    if (response.statusCode() / 100 != 2) {
      return new Prediction(response.statusCode(), List.of(), String.format("POST %s -> HTTP %d: %s",
          inferUri().getPath(), response.statusCode(), snippet(response.body())));
    }
    try {
      return new Prediction(response.statusCode(), perRow(JSON.readTree(response.body()), rows.size()), null);
    } catch (IOException e) {
      return new Prediction(response.statusCode(), List.of(), "answer is not JSON: " + snippet(response.body()));
    } catch (BadAnswer e) {
      return new Prediction(response.statusCode(), List.of(), e.getMessage());
    }
  }

  URI at(String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  /** A server's words, one line and short, for a message. */
  /** A server's answer as it may be shown: one line, bounded, an HTML page reduced to its title, tokens redacted. */
  public static String snippet(String body) {
    return ResponseBodies.excerpt(body);
  }

  static boolean hasNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    for (JsonNode child : node) {
      if (hasNull(child)) {
        return true;
      }
    }
    return false;
  }

  /** The JSON body, or an empty object when it is not JSON (a 404 page). */
  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException | RuntimeException e) {
      return JSON.createObjectNode();
    }
  }
}
