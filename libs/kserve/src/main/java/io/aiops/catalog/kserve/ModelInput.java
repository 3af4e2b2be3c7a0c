package io.aiops.catalog.kserve;

import java.util.List;

/**
 * The input a v2 model declares in its metadata (GET /v2/models/NAME): its name, datatype and the shape of one
 * row (the batch dimension taken off).
 */
public record ModelInput(String name, String datatype, List<Long> featureDims) {
  public ModelInput {
    featureDims = List.copyOf(featureDims);
  }

  /** Features per row the model declares; -1 when it does not say. */
  public long width() {
    if (featureDims.isEmpty() || featureDims.stream().anyMatch(d -> d < 0)) {
      return -1;
    }
    return featureDims.stream().reduce(1L, (a, b) -> a * b);
  }

  /** A numeric input of known width: one the client can make a row for without a sample. */
  public boolean numeric() {
    return width() > 0 && datatype != null && !"BYTES".equals(datatype);
  }
}
