package io.aiops.catalog.trustyai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One scheduled metric as the service lists it: its id and the request object, kept exactly as served. */
public record ScheduledRequest(String id, ObjectNode request) {
  public String metricName() {
    return text("metricName");
  }

  public String modelId() {
    return text("modelId");
  }

  private String text(String field) {
    var node = request.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}
