package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.http.StepHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/** One model behind one protocol (KServe v1, or v2 / Open Inference Protocol): how to ask it and read it. */
abstract class InferenceEndpoint {
  static final ObjectMapper JSON = Json.mapper();
  static final String DEFAULT_NAME = "model";

  /** What the model answered for some rows: predictions one per row, or what is wrong with the answer. */
  record Prediction(int status, List<JsonNode> perRow, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  /** The answer was not what the protocol promises. */
  static final class BadAnswer extends Exception {
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

  abstract String protocol();

  /** The model's readiness endpoint, which answers 503 while the model loads. */
  abstract URI readyUri();

  /** Readiness and the served name (the model must be served under its own name, not "model"). */
  abstract List<Check> serving();

  /** A payload the model itself describes, when the protocol has metadata. */
  abstract Optional<SampleData> fromMetadata();

  /** A problem of the sample against what the model declares (its width), before anything is sent. */
  abstract Optional<String> mismatch(SampleData sample);

  abstract URI inferUri();

  abstract byte[] body(List<ArrayNode> rows);

  abstract List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer;

  Prediction predict(List<ArrayNode> rows) {
    HttpResponse<String> response = http.postJson(inferUri(), new String(body(rows),
        java.nio.charset.StandardCharsets.UTF_8), false);
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

  static String snippet(String body) {
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
