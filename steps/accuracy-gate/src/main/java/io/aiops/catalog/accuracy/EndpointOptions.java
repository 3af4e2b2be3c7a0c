package io.aiops.catalog.accuracy;

import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.step.StepException;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where and how to ask a served model (KServe v1 or v2 REST) for the predictions. */
public class EndpointOptions {
  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Base URL of the model server (e.g. https://fraud-predictor.dev.svc); the data's feature "
          + "columns are sent in batches and the answers scored.")
  String url;
  @Option(names = "--model-name", paramLabel = "NAME", description = "Model name in the inference path.")
  String modelName;
  @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2|auto",
      description = "KServe protocol: v1 (/v1/models/NAME:predict), v2 (/v2/models/NAME/infer, shaped by the "
          + "model's metadata) or auto (v2 when the server answers /v2/health/ready). Default: ${DEFAULT-VALUE}.")
  Protocol protocol = Protocol.v2;
  @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
      description = "Rows per request. Default: ${DEFAULT-VALUE}.")
  int batchSize = 256;
  @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N",
      description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency = 4;

  /** The endpoint to score through, or null when --endpoint is not given. */
  GateRequest.Endpoint request() {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw StepException.usage("--endpoint " + url + " is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
      throw StepException.usage("--endpoint " + url + " is not an http(s) URL, e.g. https://fraud-predictor.dev.svc");
    }
    return new GateRequest.Endpoint(uri, modelName == null || modelName.isBlank() ? null : modelName.trim(), protocol,
        batchSize, concurrency);
  }
}
