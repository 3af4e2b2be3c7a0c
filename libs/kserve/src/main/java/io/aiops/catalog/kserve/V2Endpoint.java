package io.aiops.catalog.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The v2 / Open Inference Protocol: /v2/health/ready, /v2/models/NAME/ready, the model's metadata (which gives
 * the input's name, datatype and shape), and POST /v2/models/NAME/infer. Requests take the input's name, datatype
 * and shape from the metadata; only a model that declares nothing gets the protocol's defaults.
 */
public final class V2Endpoint extends InferenceEndpoint {
  /** The input name KServe's and MLServer's own clients use when the model declares none. */
  static final String FALLBACK_INPUT = "input-0";

  /** Read once: null until asked, then the answer (empty when the model declares no input). */
  private Optional<ModelInput> declared;
  private int metadataStatus;
  /** The shape as declared, the batch dimension included (-1: any). */
  private List<Long> declaredShape;

  V2Endpoint(URI base, String model, StepHttp http) {
    super(base, model, http);
  }

  @Override
  public Protocol protocol() {
    return Protocol.v2;
  }

  @Override
  public URI readyUri() {
    return at("/v2/models/" + model + "/ready");
  }

  @Override
  public List<Finding> serving() {
    List<Finding> checks = new ArrayList<>();
    HttpResponse<String> server = http.get(at("/v2/health/ready"));
    if (server.statusCode() != 200) {
      checks.add(Finding.fail("endpoint/server", "GET /v2/health/ready -> HTTP %d: %s", server.statusCode(),
          snippet(server.body())));
    }
    HttpResponse<String> ready = http.get(at("/v2/models/" + model + "/ready"));
    if (ready.statusCode() != 200) {
      boolean defaultName = !DEFAULT_NAME.equals(model)
          && http.get(at("/v2/models/" + DEFAULT_NAME + "/ready")).statusCode() == 200;
      checks.add(defaultName
          ? Finding.fail("endpoint/name", "served under the default name \"model\" instead of \"%s\": set the "
              + "model name in the serving runtime", model)
          : Finding.fail("endpoint/ready", "GET /v2/models/%s/ready -> HTTP %d: %s", model, ready.statusCode(),
              snippet(ready.body())));
      return checks;
    }
    checks.add(Finding.pass("endpoint/ready", "v2 model %s is ready at %s", model, base));
    Optional<ModelInput> input = describe();
    if (input.isEmpty()) {
      checks.add(Finding.warn("endpoint/metadata", "no input description in GET /v2/models/%s (HTTP %d): the "
          + "payload must come from --sample", model, metadataStatus));
      return checks;
    }
    checks.add(Finding.pass("endpoint/metadata", "input %s %s shape %s", input.get().name(),
        input.get().datatype(), declaredShape));
    return checks;
  }

  @Override
  public synchronized Optional<ModelInput> describe() {
    if (declared == null) {
      HttpResponse<String> metadata = http.get(at("/v2/models/" + model));
      metadataStatus = metadata.statusCode();
      JsonNode input = json(metadata).path("inputs").path(0);
      if (metadata.statusCode() != 200 || input.isMissingNode()) {
        declared = Optional.empty();
      } else {
        List<Long> shape = new ArrayList<>();
        input.path("shape").forEach(d -> shape.add(d.asLong()));
        declaredShape = List.copyOf(shape);
        List<Long> dims = shape.size() > 1 ? shape.subList(1, shape.size()) : shape; // first: the batch
        declared = Optional.of(new ModelInput(input.path("name").asText(FALLBACK_INPUT),
            input.path("datatype").asText(null), dims));
      }
    }
    return declared;
  }

  @Override
  public URI inferUri() {
    return at("/v2/models/" + model + "/infer");
  }

  @Override
  public byte[] body(List<ArrayNode> rows) {
    Optional<ModelInput> in = declared == null ? Optional.empty() : declared;
    ObjectNode body = JSON.createObjectNode();
    ObjectNode input = body.putArray("inputs").addObject();
    input.put("name", in.map(ModelInput::name).orElse(FALLBACK_INPUT));
    ArrayNode shape = input.putArray("shape").add(rows.size());
    int width = rows.isEmpty() ? 0 : rows.get(0).size();
    if (in.isPresent() && in.get().featureDims().size() > 1 && in.get().width() == width) {
      in.get().featureDims().forEach(shape::add);
    } else {
      shape.add(width);
    }
    input.put("datatype", in.map(ModelInput::datatype).orElseGet(() -> guessType(rows)));
    ArrayNode data = input.putArray("data");
    rows.forEach(data::addAll);
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<JsonNode> perRow(JsonNode answer, int rows) throws BadAnswer {
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

  /** For a model that declares nothing: whole numbers as INT64, others as FP64 (JSON numbers are doubles). */
  private static String guessType(List<ArrayNode> rows) {
    for (ArrayNode row : rows) {
      for (JsonNode v : row) {
        if (!v.isIntegralNumber()) {
          return v.isNumber() ? "FP64" : "BYTES";
        }
      }
    }
    return "INT64";
  }
}
