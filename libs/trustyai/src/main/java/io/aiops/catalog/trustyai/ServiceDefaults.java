package io.aiops.catalog.trustyai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What the service itself puts into a scheduled request that leaves a field out, whatever it is configured with:
 * the field initialisers of its request classes (upstream explainability-service, payloads/metrics), as its
 * listing showed them on the real service (2026-12-02, upstream 8c01552e): a hand-written or old-script backup
 * entry without them is the same metric as the listing that has them. Nested objects are filled field by field
 * (FourierMMD's {@code parameters} with only {@code nWindow} gets the other six). The configured batch size is not
 * here: it depends on the deployment.
 */
public final class ServiceDefaults {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<MetricType, ObjectNode> DEFAULTS = Map.of(
      MetricType.MEANSHIFT, drift(),
      MetricType.KSTEST, drift(),
      MetricType.APPROXKSTEST, drift().put("epsilon", 0.001),
      MetricType.FOURIERMMD, fourierMmd(),
      MetricType.IDENTITY, NODES.objectNode().put("lowerThreshold", 0.0).put("upperThreshold", 0.0));

  private ServiceDefaults() {}

  /** A copy of the request with every field the service would fill in filled, where it is absent or null. */
  public static ObjectNode fill(MetricType type, ObjectNode request) {
    ObjectNode out = request.deepCopy();
    ObjectNode defaults = DEFAULTS.get(type);
    if (defaults != null) {
      merge(out, defaults);
    }
    return out;
  }

  private static void merge(ObjectNode target, ObjectNode defaults) {
    for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      JsonNode present = target.get(d.getKey());
      if (present == null || present.isNull()) {
        target.set(d.getKey(), d.getValue().deepCopy());
      } else if (present instanceof ObjectNode nested && d.getValue() instanceof ObjectNode nestedDefaults) {
        merge(nested, nestedDefaults);
      }
    }
  }

  private static ObjectNode drift() {
    return NODES.objectNode().put("thresholdDelta", 0.05);
  }

  private static ObjectNode fourierMmd() {
    ObjectNode request = drift().put("gamma", 2.0);
    request.putObject("parameters").put("nWindow", 168).put("nTest", 100).put("nMode", 512).put("randomSeed", 22)
        .put("sig", 10.0).put("deltaStat", true).put("epsilon", 1.0e-7);
    return request;
  }
}
