package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.data.Rows;
import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.accuracy.gate.Thresholds;
import io.aiops.catalog.accuracy.gate.Verdict;
import io.aiops.catalog.accuracy.metrics.Bootstrap;
import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.accuracy.metrics.Scorecard;
import io.aiops.catalog.accuracy.metrics.Tally;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.metrics.Pushgateway;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One gate run, in the order that keeps a mistake cheap: thresholds compiled and options checked, then the inputs
 * opened and the feature schema compared, and only then the rows scored and the verdict written.
 */
final class AccuracyGate {
  private final AccuracyGateCommand o;
  private final StepLog log;
  private Optional<Pushgateway> gateway = Optional.empty();

  AccuracyGate(AccuracyGateCommand options, StepLog log) {
    this.o = options;
    this.log = log;
  }

  int run() {
    Thresholds thresholds = Thresholds.parse(o.thresholds);
    Options.check(o, thresholds);
    Annotator annotator = Options.blank(o.annotate) ? null
        : Annotator.find(o.annotate, o.namespace, o.kubernetes.get());
    gateway = o.push.gateway(o.http, log);
    Map<String, Double> baseline = Options.blank(o.baselineMetrics) ? Map.of()
        : GateVariables.baseline(o.baselineMetrics);
    Rows data = o.format.open(o.data);
    Rows predictionRows = Options.blank(o.predictions) ? data : o.format.open(o.predictions);
    try {
      Tally tally = score(data, predictionRows, !o.endpoint.given() ? null : o.endpoint);
      return finish(thresholds, tally, baseline, annotator);
    } finally {
      data.close();
      predictionRows.close();
    }
  }

  private Tally score(Rows data, Rows predictionRows, EndpointOptions endpoint) {
    int label = data.column(o.labelColumn, "--label-column");
    int slice = Options.blank(o.sliceBy) ? -1 : data.column(o.sliceBy, "--slice-by");
    int prediction = Options.blank(o.predictionColumn) ? -1
        : predictionRows.column(o.predictionColumn, "--prediction-column");
    int score = Options.blank(o.scoreColumn) ? -1 : predictionRows.column(o.scoreColumn, "--score-column");
    Set<String> notFeatures = new HashSet<>(Options.list(o.ignoreColumns));
    notFeatures.add(o.labelColumn);
    if (predictionRows == data) {
      notFeatures.add(Options.orEmpty(o.predictionColumn));
      notFeatures.add(Options.orEmpty(o.scoreColumn));
    }
    notFeatures.add(Options.orEmpty(o.sliceBy));
    List<String> expected = FeatureSchema.expected(o.features, o.modelMetadata);
    List<String> actual = FeatureSchema.actual(data.columns(), notFeatures);
    try {
      FeatureSchema.check(expected, actual, data.source());
    } catch (StepException mismatch) {
      // the verdict is always written: a pipeline reading it must not mistake "not scored" for "no result"
      o.step.results().put(GateResult.VERDICT, Verdict.FAIL.name())
          .put(GateResult.FAILED_CLAUSES, GateOutputs.truncate(mismatch.getMessage(), GateResult.FAILED_CLAUSES_LIMIT))
          .write();
      throw mismatch;
    }
    String positive = Options.blank(o.positiveLabel) ? null : o.positiveLabel;
    boolean keepRows = o.bootstrap > 0;
    if (endpoint != null) {
      List<String> sent = expected.isEmpty() ? actual : expected;
      return new EndpointScorer(endpoint, o.http.client(log), log).score(data, label, slice,
          sent.stream().mapToInt(c -> data.column(c, "--features")).toArray(), positive, keepRows);
    }
    log.info("scoring %s (label %s, predictions from %s)", data.source(), o.labelColumn,
        prediction >= 0 ? "column " + o.predictionColumn : "score column " + o.scoreColumn);
    return FileScorer.score(new Inputs(data, predictionRows, label, prediction, score, slice, positive,
        Options.negativeLabel(o), o.decisionThreshold), keepRows);
  }

  private int finish(Thresholds thresholds, Tally tally, Map<String, Double> baseline, Annotator annotator) {
    int positive = positiveIndex(tally.labels());
    Scorecard card = Scorecard.of(tally, positive);
    Map<String, Bootstrap.Interval> ci = o.bootstrap > 0
        ? Bootstrap.intervals(tally, positive, o.bootstrap, o.seed) : Map.of();
    String override = Options.blank(o.override) ? null : o.override;
    Judgement judgement = Judgement.judge(thresholds, GateVariables.of(card, baseline, ci), !baseline.isEmpty(),
        override);
    Map<String, String> headline = new GateOutputs(o, log).write(card, judgement, ci, override);
    if (annotator != null) {
      annotator.annotate(judgement, headline, override, log);
    }
    boolean blocked = judgement.verdict() == Verdict.FAIL || (judgement.verdict() == Verdict.NO_BASELINE
        && o.onMissingBaseline == AccuracyGateCommand.MissingBaseline.fail);
    GatePush.push(gateway, o.push.labels(), judgement, blocked, headline, log);
    String failed = judgement.failed().stream().map(f -> f.clause() + " (" + f.values() + ")")
        .collect(java.util.stream.Collectors.joining("; "));
    switch (judgement.verdict()) {
      case FAIL -> throw StepException.checkFailed("below threshold: " + failed);
      case NO_BASELINE -> {
        if (o.onMissingBaseline == AccuracyGateCommand.MissingBaseline.fail) {
          throw StepException.checkFailed("NO_BASELINE: thresholds name baseline.* but no --baseline-metrics was "
              + "given (pass one, or --on-missing-baseline=pass for the first model)");
        }
        return StepExit.OK;
      }
      default -> {
        return StepExit.OK;
      }
    }
  }

  /** The positive class: the one given, else "1"/"true" when the labels are 0/1 or true/false, else none. */
  private int positiveIndex(Labels labels) {
    if (!Options.blank(o.positiveLabel)) {
      return labels.names().indexOf(Labels.normalise(o.positiveLabel));
    }
    Set<String> seen = Set.copyOf(labels.names());
    for (String[] pair : new String[][] {{"1", "0"}, {"true", "false"}, {"True", "False"}}) {
      if (Set.of(pair).containsAll(seen)) {
        return labels.names().indexOf(pair[0]);
      }
    }
    return -1;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw StepException.usage(message);
    }
  }
}
