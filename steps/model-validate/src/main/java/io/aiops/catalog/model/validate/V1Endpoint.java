package io.aiops.catalog.model.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KServe's v1 protocol: GET /v1/models, GET /v1/models/NAME, POST /v1/models/NAME:predict. */
final class V1Endpoint extends InferenceEndpoint {
  V1Endpoint(URI base, String model, StepHttp http) {
    super(base, model, http);
  }

  @Override
  String protocol() {
    return "v1";
  }

  @Override
  URI readyUri() {
    return at("/v1/models/" + model);
  }

  @Override
  List<Check> serving() {
    List<Check> checks = new ArrayList<>();
    HttpResponse<String> listing = http.get(at("/v1/models"));
    List<String> served = new ArrayList<>();
    json(listing).path("models").forEach(m -> served.add(m.isTextual() ? m.asText() : m.path("name").asText()));
    if (listing.statusCode() == 200 && !served.contains(model)) {
      checks.add(served.contains(DEFAULT_NAME)
          ? Check.fail("endpoint/name", "served under the default name \"model\" instead of \"%s\": set the "
              + "model name in the serving runtime (e.g. --model_name=%s)", model, model)
          : Check.fail("endpoint/name", "\"%s\" is not served; GET /v1/models lists %s", model, served));
    }
    HttpResponse<String> status = http.get(at("/v1/models/" + model));
    JsonNode body = json(status);
    if (status.statusCode() != 200) {
      checks.add(Check.fail("endpoint/ready", "GET /v1/models/%s -> HTTP %d: %s", model, status.statusCode(),
          snippet(status.body())));
    } else if (!body.path("ready").asBoolean(false)) {
      checks.add(Check.fail("endpoint/ready", "model %s is not ready: %s", model, snippet(status.body())));
    } else {
      checks.add(Check.pass("endpoint/ready", "v1 model %s is ready at %s", model, base));
    }
    return checks;
  }

  @Override
  Optional<SampleData> fromMetadata() {
    return Optional.empty(); // v1 has no metadata to learn the input width from
  }

  @Override
  Optional<String> mismatch(SampleData sample) {
    return Optional.empty();
  }

  @Override
  URI inferUri() {
    return at("/v1/models/" + model + ":predict");
  }

  @Override
  byte[] body(List<ArrayNode> rows) {
    ObjectNode body = JSON.createObjectNode();
    rows.forEach(body.putArray("instances")::add);
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer {
    JsonNode predictions = answer.get("predictions");
    if (predictions == null || predictions.isNull()) {
      throw new BadAnswer("answer has no \"predictions\": " + snippet(answer.toString()));
    }
    if (!predictions.isArray() || predictions.size() != rows) {
      throw new BadAnswer(String.format("wrongly shaped predictions: %d row(s) sent, got %s", rows,
          predictions.isArray() ? predictions.size() + " prediction(s)" : snippet(predictions.toString())));
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : predictions) {
      if (hasNull(p)) {
        throw new BadAnswer("null prediction in " + snippet(predictions.toString()));
      }
      out.add(p);
    }
    return out;
  }
}
