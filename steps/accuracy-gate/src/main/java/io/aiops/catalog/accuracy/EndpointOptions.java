package io.aiops.catalog.accuracy;

import picocli.CommandLine.Option;

/** Where and how to ask a served model (KServe v1 or v2 REST) for the predictions. */
public class EndpointOptions {
  enum Protocol { v1, v2 }

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Base URL of the model server (e.g. https://fraud-predictor.dev.svc); the data's feature "
          + "columns are sent in batches and the answers scored.")
  String url;
  @Option(names = "--model-name", paramLabel = "NAME", description = "Model name in the inference path.")
  String modelName;
  @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2",
      description = "KServe protocol: v1 (/v1/models/NAME:predict) or v2 (/v2/models/NAME/infer). "
          + "Default: ${DEFAULT-VALUE}.")
  Protocol protocol = Protocol.v2;
  @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
      description = "Rows per request. Default: ${DEFAULT-VALUE}.")
  int batchSize = 256;
  @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N",
      description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency = 4;

  boolean given() {
    return url != null && !url.isBlank();
  }
}
