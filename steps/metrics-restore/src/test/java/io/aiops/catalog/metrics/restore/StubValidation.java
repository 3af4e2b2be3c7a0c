package io.aiops.catalog.metrics.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service's checks on a scheduled request, with its messages as captured in samples/err_*. */
final class StubValidation {
  private StubValidation() {}

  /** {field, message} pairs; empty when the service would accept the request. */
  static List<String[]> violations(String metric, ObjectNode request, Map<String, ObjectNode> models,
      List<String> tags) {
    List<String[]> out = new ArrayList<>();
    String modelId = request.path("modelId").asText();
    ObjectNode model = models.get(modelId);
    boolean fairness = metric.equals("SPD") || metric.equals("DIR");
    if (metric.equals("IDENTITY")) {
      return identityViolations(request, model, modelId);
    }
    if (!fairness && !request.hasNonNull("referenceTag")) {
      out.add(new String[] {"createRequest.request", "Must provide a reference tag in request defining the original "
          + "data distribution. This is done by passing a field \"referenceTag\": \"tagString\" in the request body."});
      return out;
    }
    if (model == null) {
      out.add(new String[] {"createRequest.request." + modelId, "No metadata found for model=" + modelId + ". This "
          + "can happen if TrustyAI has not yet logged any inferences from this model."});
      return out;
    }
    if (request.has("batchSize") && request.get("batchSize").asInt() <= 0) {
      out.add(new String[] {"createRequest.request", "Request batch size must be bigger than 0."});
    }
    if (!fairness) {
      String tag = request.get("referenceTag").asText();
      if (!tags.contains(tag)) {
        out.add(new String[] {"createRequest.request", "No tag named '" + tag + "' found in data for model="
            + modelId + ". The valid list of tag names is as follows: [" + String.join(", ", tags) + "]"});
      }
      return out;
    }
    JsonNode inputs = model.at("/data/inputSchema/items");
    JsonNode outputs = model.at("/data/outputSchema/items");
    String attribute = request.path("protectedAttribute").asText();
    String outcome = request.path("outcomeName").asText();
    if (!inputs.has(attribute)) {
      out.add(new String[] {"createRequest.request." + modelId + "." + attribute, "No protected attribute found "
          + "with name=" + attribute + ". The valid list of protected attribute names is as follows: "
          + names(inputs)});
    } else {
      String type = inputs.path(attribute).path("type").asText();
      checkValue(out, modelId, attribute, "privileged attribute", request.get("privilegedAttribute"), type);
      checkValue(out, modelId, attribute, "unprivileged attribute", request.get("unprivilegedAttribute"), type);
    }
    if (!outputs.has(outcome)) {
      out.add(new String[] {"createRequest.request." + modelId + "." + outcome, "No output found with name="
          + outcome + ". The valid list of output names is as follows: " + names(outputs)});
    } else {
      checkValue(out, modelId, outcome, "favorable outcome", request.get("favorableOutcome"),
          outputs.path(outcome).path("type").asText());
    }
    return out;
  }

  private static void checkValue(List<String[]> out, String modelId, String column, String role, JsonNode value,
      String type) {
    JsonNode plain = value != null && value.isObject() ? value.get("value") : value;
    boolean numeric = type.startsWith("INT") || type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("LONG");
    if (plain != null && numeric && !plain.isNumber()) {
      out.add(new String[] {"createRequest.request." + modelId + "." + column, "Received invalid type for " + role
          + "=" + column + ": got '" + plain.asText() + "', expected object compatible with '" + type + "'"});
    }
  }

  private static String names(JsonNode items) {
    List<String> names = new ArrayList<>();
    items.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  /** As the real service answered (fixtures/trustyai/real-service, 2026-12-02): model, then the column. */
  private static List<String[]> identityViolations(ObjectNode request, ObjectNode model, String modelId) {
    List<String[]> out = new ArrayList<>();
    if (model == null) {
      out.add(new String[] {"createRequest.request." + modelId, "No metadata found for model=" + modelId + ". This "
          + "can happen if TrustyAI has not yet logged any inferences from this model."});
      return out;
    }
    String column = request.path("columnName").asText();
    List<String> names = new ArrayList<>();
    model.at("/data/inputSchema/items").fieldNames().forEachRemaining(names::add);
    model.at("/data/outputSchema/items").fieldNames().forEachRemaining(names::add);
    if (!names.contains(column)) {
      out.add(new String[] {"createRequest.request." + modelId + "." + column, "No feature or output found with "
          + "name=" + column + ". The valid list of feature or output names is as follows: " + names});
    }
    return out;
  }
}
