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

/**
 * The v2 / Open Inference Protocol: /v2/health/ready, /v2/models/NAME/ready, the model's metadata (which gives
 * the input's name, datatype and shape), and POST /v2/models/NAME/infer.
 */
final class V2Endpoint extends InferenceEndpoint {
  private String inputName = "input-0";
  private String datatype;
  private List<Long> featureDims = List.of();

  V2Endpoint(URI base, String model, StepHttp http) {
    super(base, model, http);
  }

  @Override
  String protocol() {
    return "v2";
  }

  @Override
  URI readyUri() {
    return at("/v2/models/" + model + "/ready");
  }

  @Override
  List<Check> serving() {
    List<Check> checks = new ArrayList<>();
    HttpResponse<String> server = http.get(at("/v2/health/ready"));
    if (server.statusCode() != 200) {
      checks.add(Check.fail("endpoint/server", "GET /v2/health/ready -> HTTP %d: %s", server.statusCode(),
          snippet(server.body())));
    }
    HttpResponse<String> ready = http.get(at("/v2/models/" + model + "/ready"));
    if (ready.statusCode() != 200) {
      boolean defaultName = !DEFAULT_NAME.equals(model)
          && http.get(at("/v2/models/" + DEFAULT_NAME + "/ready")).statusCode() == 200;
      checks.add(defaultName
          ? Check.fail("endpoint/name", "served under the default name \"model\" instead of \"%s\": set the "
              + "model name in the serving runtime", model)
          : Check.fail("endpoint/ready", "GET /v2/models/%s/ready -> HTTP %d: %s", model, ready.statusCode(),
              snippet(ready.body())));
      return checks;
    }
    checks.add(Check.pass("endpoint/ready", "v2 model %s is ready at %s", model, base));
    HttpResponse<String> metadata = http.get(at("/v2/models/" + model));
    JsonNode input = json(metadata).path("inputs").path(0);
    if (metadata.statusCode() != 200 || input.isMissingNode()) {
      checks.add(Check.warn("endpoint/metadata", "no input description in GET /v2/models/%s (HTTP %d): the "
          + "payload must come from --sample", model, metadata.statusCode()));
      return checks;
    }
    inputName = input.path("name").asText(inputName);
    datatype = input.path("datatype").asText(null);
    List<Long> shape = new ArrayList<>();
    input.path("shape").forEach(d -> shape.add(d.asLong()));
    featureDims = shape.size() > 1 ? List.copyOf(shape.subList(1, shape.size())) : shape; // first: the batch
    checks.add(Check.pass("endpoint/metadata", "input %s %s shape %s", inputName, datatype, shape));
    return checks;
  }

  /** Features per row the model declares; -1 when it does not say. */
  long width() {
    if (featureDims.isEmpty() || featureDims.stream().anyMatch(d -> d < 0)) {
      return -1;
    }
    return featureDims.stream().reduce(1L, (a, b) -> a * b);
  }

  @Override
  Optional<SampleData> fromMetadata() {
    long width = width();
    return width > 0 && datatype != null && !"BYTES".equals(datatype)
        ? Optional.of(SampleData.fromMetadata((int) width, datatype)) : Optional.empty();
  }

  @Override
  Optional<String> mismatch(SampleData sample) {
    long width = width();
    return width > 0 && sample.width() != width
        ? Optional.of(String.format("wrong input width: the sample has %d feature(s) a row, the model's metadata "
            + "declares %d (input %s shape %s)", sample.width(), width, inputName, featureDims))
        : Optional.empty();
  }

  @Override
  URI inferUri() {
    return at("/v2/models/" + model + "/infer");
  }

  @Override
  byte[] body(List<ArrayNode> rows) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode input = body.putArray("inputs").addObject();
    input.put("name", inputName);
    ArrayNode shape = input.putArray("shape").add(rows.size());
    if (featureDims.size() > 1 && width() == rows.get(0).size()) {
      featureDims.forEach(shape::add);
    } else {
      shape.add(rows.get(0).size());
    }
    input.put("datatype", datatype != null ? datatype : guessType(rows));
    ArrayNode data = input.putArray("data");
    rows.forEach(data::addAll);
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer {
    JsonNode output = answer.path("outputs").path(0);
    JsonNode data = output.get("data");
    if (output.isMissingNode() || data == null || data.isNull()) {
      throw new BadAnswer("answer has no outputs[0].data: " + snippet(answer.toString()));
    }
    long expected = 1;
    for (JsonNode d : output.path("shape")) {
      expected *= d.asLong();
    }
    if (!data.isArray() || output.path("shape").path(0).asLong(-1) != rows || data.size() != expected
        || data.size() % rows != 0) {
      throw new BadAnswer(String.format("wrongly shaped output: %d row(s) sent, got shape %s with %s value(s)",
          rows, output.path("shape"), data.isArray() ? data.size() : "no"));
    }
    if (hasNull(data)) {
      throw new BadAnswer("null prediction in " + snippet(data.toString()));
    }
    int per = data.size() / rows;
    List<JsonNode> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      if (per == 1) {
        out.add(data.get(r));
      } else {
        ArrayNode slice = JSON.createArrayNode();
        for (int i = 0; i < per; i++) {
          slice.add(data.get(r * per + i));
        }
        out.add(slice);
      }
    }
    return out;
  }

  private static String guessType(List<ArrayNode> rows) {
    for (ArrayNode row : rows) {
      for (JsonNode v : row) {
        if (!v.isIntegralNumber()) {
          return v.isNumber() ? "FP32" : "BYTES";
        }
      }
    }
    return "INT64";
  }
}
