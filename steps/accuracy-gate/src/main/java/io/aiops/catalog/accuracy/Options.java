package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.AccuracyGate.require;

import io.aiops.catalog.accuracy.gate.Thresholds;
import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.step.StepException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The option combinations a run needs, checked before any file is opened. Tekton passes an unset param as an empty
 * string, so blank means unset throughout.
 */
final class Options {
  private static final Map<String, String> NEGATIVE = Map.of("1", "0", "true", "false", "True", "False",
      "yes", "no", "fraud", "legit");

  private Options() {}

  static void check(AccuracyGateCommand o, Thresholds thresholds) {
    if (!blank(o.baseDir)) {
      o.data = o.baseDir.resolve(o.data);
      o.predictions = blank(o.predictions) ? null : o.baseDir.resolve(o.predictions);
      o.baselineMetrics = blank(o.baselineMetrics) ? null : o.baseDir.resolve(o.baselineMetrics);
      o.modelMetadata = blank(o.modelMetadata) ? null : o.baseDir.resolve(o.modelMetadata);
    }
    boolean column = !blank(o.predictionColumn);
    boolean scores = !blank(o.scoreColumn);
    boolean endpoint = o.endpoint.given();
    require(column || scores || endpoint, "say where the predictions are: --prediction-column, --score-column "
        + "(with --predictions FILE when they are in a second file) or --endpoint");
    require(!endpoint || !(column || scores || !blank(o.predictions)), "--endpoint asks the model for "
        + "predictions: it cannot be combined with --prediction-column, --score-column or --predictions");
    require(blank(o.predictions) || column || scores, "--predictions FILE needs --prediction-column or "
        + "--score-column naming its columns");
    require(o.bootstrap >= 0 && o.bootstrap <= 100_000, "--bootstrap must be between 0 and 100000, not "
        + o.bootstrap);
    if (scores && blank(o.positiveLabel)) {
      o.positiveLabel = "1";
    }
    if (scores && !column && blank(o.negativeLabel)) {
      require(NEGATIVE.containsKey(Labels.normalise(o.positiveLabel)), "--score-column without "
          + "--prediction-column predicts '" + o.positiveLabel + "' or not: give --negative-label for 'not'");
    }
    if (thresholds.references("roc_auc") || thresholds.references("pr_auc")
        || thresholds.references("ci.roc_auc") || thresholds.references("ci.pr_auc")
        || thresholds.references("baseline.roc_auc") || thresholds.references("trivial.roc_auc")) {
      require(scores || endpoint, "a threshold names roc_auc or pr_auc, which need scores: give --score-column");
    }
    require(!thresholds.references("ci") || o.bootstrap > 0,
        "a threshold names ci.*: give --bootstrap N (e.g. 1000) for the intervals");
    require(!thresholds.references("slices") || !blank(o.sliceBy),
        "a threshold names slices: give --slice-by COLUMN");
    require(blank(o.baselineMetrics) || o.baselineMetrics.toFile().isFile(),
        "--baseline-metrics " + o.baselineMetrics + ": no such file");
    require(blank(o.override) || o.override.trim().length() >= 10, "--override needs a reason a reviewer can "
        + "read later (10 characters at least), e.g. 'schema change in PR 42, baseline not comparable'");
    if (!blank(o.features) && !blank(o.modelMetadata)) {
      throw StepException.usage("give the feature list once: --features or --model-metadata, not both");
    }
  }

  static String negativeLabel(AccuracyGateCommand o) {
    if (!blank(o.negativeLabel)) {
      return o.negativeLabel;
    }
    return blank(o.positiveLabel) ? null : NEGATIVE.get(Labels.normalise(o.positiveLabel));
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static boolean blank(Path p) {
    return p == null || p.toString().isBlank();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static List<String> list(String commaSeparated) {
    return blank(commaSeparated) ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
