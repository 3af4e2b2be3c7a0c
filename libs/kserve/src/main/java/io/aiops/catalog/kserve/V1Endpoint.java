package io.aiops.catalog.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KServe's v1 protocol: GET /v1/models, GET /v1/models/NAME, POST /v1/models/NAME:predict. */
public final class V1Endpoint extends InferenceEndpoint {
  V1Endpoint(URI base, String model, StepHttp http) {
    super(base, model, http);
  }

  @Override
  public Protocol protocol() {
    return Protocol.v1;
  }

  @Override
  public URI readyUri() {
    return at("/v1/models/" + model);
  }

  @Override
  public List<Finding> serving() {
    List<Finding> checks = new ArrayList<>();
    HttpResponse<String> listing = http.get(at("/v1/models"));
    List<String> served = new ArrayList<>();
    json(listing).path("models").forEach(m -> served.add(m.isTextual() ? m.asText() : m.path("name").asText()));
    if (listing.statusCode() == 200 && !served.contains(model)) {
      checks.add(served.contains(DEFAULT_NAME)
          ? Finding.fail("endpoint/name", "served under the default name \"model\" instead of \"%s\": set the "
              + "model name in the serving runtime (e.g. --model_name=%s)", model, model)
          : Finding.fail("endpoint/name", "\"%s\" is not served; GET /v1/models lists %s", model, served));
    }
    HttpResponse<String> status = http.get(at("/v1/models/" + model));
    JsonNode body = json(status);
    if (status.statusCode() != 200) {
      checks.add(Finding.fail("endpoint/ready", "GET /v1/models/%s -> HTTP %d: %s", model, status.statusCode(),
          snippet(status.body())));
    } else if (!body.path("ready").asBoolean(false)) {
      checks.add(Finding.fail("endpoint/ready", "model %s is not ready: %s", model, snippet(status.body())));
    } else {
      checks.add(Finding.pass("endpoint/ready", "v1 model %s is ready at %s", model, base));
    }
    return checks;
  }

  @Override
  public Optional<ModelInput> describe() {
    return Optional.empty(); // v1 has no metadata to learn the input from
  }

  @Override
  public URI inferUri() {
    return at("/v1/models/" + model + ":predict");
  }

  @Override
  public byte[] body(List<ArrayNode> rows) {
    ObjectNode body = JSON.createObjectNode();
    rows.forEach(body.putArray("instances")::add);
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer {
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
