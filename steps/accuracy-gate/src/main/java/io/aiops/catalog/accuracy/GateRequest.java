package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.data.DataFormat;
import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.kserve.Protocol;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One gate run's inputs, built once from the options and never changed: relative paths are the working directory's
 * (in a Task, the data workspace: its stepTemplate's workingDir), an unset option as null, and the labels a score column implies filled in.
 */
record GateRequest(Path data, DataFormat format, String labelColumn, String positiveLabel, String negativeLabel,
    String predictionColumn, String scoreColumn, double decisionThreshold, Path predictions, Endpoint endpoint,
    List<String> features, Path modelMetadata, List<String> ignoreColumns, List<String> thresholds,
    Path baselineMetrics, MissingBaseline onMissingBaseline, String sliceBy, int bootstrap, long seed, String override,
    Path outputDir, String annotate, String namespace, Path bars, String barsConfigMap, Deploy deploy) {

  enum MissingBaseline { pass, fail }

  /** The InferenceService to create or update after a PASS (or OVERRIDDEN) verdict; null fields are not given. */
  record Deploy(Path manifest, String name, String storageUri) {}

  /** The served model to score through, instead of prediction columns. */
  record Endpoint(URI url, String modelName, Protocol protocol, int batchSize, int concurrency) {}

  /** "fraud" predicts "legit" below the decision threshold: the negative label a positive one implies. */
  private static final Map<String, String> NEGATIVE = Map.of("1", "0", "true", "false", "True", "False",
      "yes", "no", "fraud", "legit");

  GateRequest {
    thresholds = List.copyOf(thresholds);
    ignoreColumns = List.copyOf(ignoreColumns);
    features = features == null ? null : List.copyOf(features);
  }

  /** The request the options describe. */
  static GateRequest of(Path data, DataFormat format, String labelColumn, String positiveLabel,
      String negativeLabel, String predictionColumn, String scoreColumn, double decisionThreshold, Path predictions,
      Endpoint endpoint, String features, Path modelMetadata, String ignoreColumns, List<String> thresholds,
      Path baselineMetrics, MissingBaseline onMissingBaseline, String sliceBy, int bootstrap, long seed,
      String override, Path outputDir, String annotate, String namespace, Path bars, String barsConfigMap,
      Path deployManifest, String deployName, String storageUri) {
    String scores = text(scoreColumn);
    // a score column alone predicts "1" or not, unless told which label is the positive one
    String positive = text(positiveLabel) == null && scores != null ? "1" : text(positiveLabel);
    String negative = text(negativeLabel) != null ? negativeLabel
        : positive == null ? null : NEGATIVE.get(Labels.normalise(positive));
    return new GateRequest(data, format, labelColumn, positive, negative, text(predictionColumn),
        scores, decisionThreshold, path(predictions), endpoint, text(features) == null ? null
            : list(features), path(modelMetadata), list(ignoreColumns), thresholds,
        path(baselineMetrics), onMissingBaseline, text(sliceBy), bootstrap, seed, text(override),
        path(outputDir), text(annotate), text(namespace), path(bars), text(barsConfigMap),
        path(deployManifest) == null ? null : new Deploy(path(deployManifest), text(deployName), text(storageUri)));
  }

  /** The negative label came from the user, or from {@link #NEGATIVE}: false when a score column has no "not". */
  boolean negativeKnown() {
    return negativeLabel != null;
  }


  private static Path path(Path p) {
    return p == null || p.toString().isBlank() ? null : p;
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> list(String commaSeparated) {
    return text(commaSeparated) == null ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
