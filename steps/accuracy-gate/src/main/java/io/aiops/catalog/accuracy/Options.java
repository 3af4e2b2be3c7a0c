package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.AccuracyGate.require;

import io.aiops.catalog.accuracy.gate.Thresholds;
import io.aiops.catalog.step.StepException;

/** The option combinations a run needs, checked before any file is opened; the request itself is never changed. */
final class Options {
  private Options() {}

  static void check(GateRequest r, Thresholds thresholds) {
    boolean column = r.predictionColumn() != null;
    boolean scores = r.scoreColumn() != null;
    boolean endpoint = r.endpoint() != null;
    require(column || scores || endpoint, "say where the predictions are: --prediction-column, --score-column "
        + "(with --predictions FILE when they are in a second file) or --endpoint");
    require(!endpoint || !(column || scores || r.predictions() != null), "--endpoint asks the model for "
        + "predictions: it cannot be combined with --prediction-column, --score-column or --predictions");
    require(r.predictions() == null || column || scores, "--predictions FILE needs --prediction-column or "
        + "--score-column naming its columns");
    require(r.bootstrap() >= 0 && r.bootstrap() <= 100_000, "--bootstrap must be between 0 and 100000, not "
        + r.bootstrap());
    if (endpoint) {
      require(r.endpoint().modelName() != null, "--endpoint needs --model-name");
      require(r.endpoint().batchSize() > 0 && r.endpoint().concurrency() > 0,
          "--batch-size and --concurrency must be at least 1");
    }
    if (scores && !column) {
      require(r.negativeKnown(), "--score-column without --prediction-column predicts '" + r.positiveLabel()
          + "' or not: give --negative-label for 'not'");
    }
    if (thresholds.references("roc_auc") || thresholds.references("pr_auc")
        || thresholds.references("ci.roc_auc") || thresholds.references("ci.pr_auc")
        || thresholds.references("baseline.roc_auc") || thresholds.references("trivial.roc_auc")) {
      require(scores || endpoint, "a threshold names roc_auc or pr_auc, which need scores: give --score-column");
    }
    require(!thresholds.references("ci") || r.bootstrap() > 0,
        "a threshold names ci.*: give --bootstrap N (e.g. 1000) for the intervals");
    require(!thresholds.references("slices") || r.sliceBy() != null,
        "a threshold names slices: give --slice-by COLUMN");
    require(r.baselineMetrics() == null || r.baselineMetrics().toFile().isFile(),
        "--baseline-metrics " + r.baselineMetrics() + ": no such file");
    require(r.override() == null || r.override().trim().length() >= 10, "--override needs a reason a reviewer can "
        + "read later (10 characters at least), e.g. 'schema change in PR 42, baseline not comparable'");
    require(r.bars() == null || r.barsConfigMap() == null, "give the bars once: --bars or --bars-configmap, not both");
    require(r.annotate() == null || r.deploy() == null, "--annotate marks an existing object and --deploy-manifest "
        + "deploys one with the same annotations: give one of them");
    if (r.features() != null && r.modelMetadata() != null) {
      throw StepException.usage("give the feature list once: --features or --model-metadata, not both");
    }
  }
}
