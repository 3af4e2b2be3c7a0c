package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.data.Rows;
import io.aiops.catalog.accuracy.gate.Bars;
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
import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.step.results.Results;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One gate run, in the order that keeps a mistake cheap: thresholds compiled and options checked, then the inputs
 * opened and the feature schema compared, and only then the rows scored and the verdict written.
 */
final class AccuracyGate {
  private final GateRequest o;
  private final StepLog log;
  private final Results results;
  private final Optional<Path> artifacts;
  private final Supplier<StepHttp> http;
  private final Supplier<KubernetesClient> kubernetes;
  private final Optional<Pushgateway> gateway;
  private final Map<String, String> pushLabels;

  /** @param http and @param kubernetes made only when the run needs them (an endpoint, an annotation) */
  AccuracyGate(GateRequest request, StepLog log, Results results, Optional<Path> artifacts, Supplier<StepHttp> http,
      Supplier<KubernetesClient> kubernetes, Optional<Pushgateway> gateway, Map<String, String> pushLabels) {
    this.o = request;
    this.gateway = gateway;
    this.pushLabels = pushLabels;
    this.log = log;
    this.results = results;
    this.artifacts = artifacts;
    this.http = http;
    this.kubernetes = kubernetes;
  }

  int run() {
    Thresholds thresholds = Thresholds.parse(o.thresholds(), bars());
    Options.check(o, thresholds);
    Annotator annotator = o.annotate() == null ? null : Annotator.find(o.annotate(), o.namespace(), kubernetes.get());
    ModelDeployer deployer = o.deploy() == null ? null : ModelDeployer.prepare(o.deploy(), o.namespace());
    Map<String, Double> baseline = o.baselineMetrics() == null ? Map.of()
        : GateVariables.baseline(o.baselineMetrics());
    Rows data = o.format().open(o.data());
    Rows predictionRows = o.predictions() == null ? data : o.format().open(o.predictions());
    try {
      Tally tally = score(data, predictionRows, o.endpoint());
      return finish(thresholds, tally, baseline, annotator, deployer);
    } finally {
      data.close();
      predictionRows.close();
    }
  }

  private Tally score(Rows data, Rows predictionRows, GateRequest.Endpoint endpoint) {
    int label = data.column(o.labelColumn(), "--label-column");
    int slice = o.sliceBy() == null ? -1 : data.column(o.sliceBy(), "--slice-by");
    int prediction = o.predictionColumn() == null ? -1
        : predictionRows.column(o.predictionColumn(), "--prediction-column");
    int score = o.scoreColumn() == null ? -1 : predictionRows.column(o.scoreColumn(), "--score-column");
    Set<String> notFeatures = new HashSet<>(o.ignoreColumns());
    notFeatures.add(o.labelColumn());
    if (predictionRows == data) {
      notFeatures.add(orEmpty(o.predictionColumn()));
      notFeatures.add(orEmpty(o.scoreColumn()));
    }
    notFeatures.add(orEmpty(o.sliceBy()));
    List<String> expected = FeatureSchema.expected(o.features(), o.modelMetadata());
    List<String> actual = FeatureSchema.actual(data.columns(), notFeatures);
    try {
      FeatureSchema.check(expected, actual, data.source());
    } catch (StepException mismatch) {
      // the verdict is always written: a pipeline reading it must not mistake "not scored" for "no result"
      results.put(GateResult.VERDICT, Verdict.FAIL.name())
          .put(GateResult.FAILED_CLAUSES, GateOutputs.truncate(mismatch.getMessage(), GateResult.FAILED_CLAUSES_LIMIT))
          .write();
      throw mismatch;
    }
    String positive = o.positiveLabel();
    boolean keepRows = o.bootstrap() > 0;
    if (endpoint != null) {
      List<String> sent = expected.isEmpty() ? actual : expected;
      return new EndpointScorer(endpoint, http.get(), log).score(data, label, slice,
          sent.stream().mapToInt(c -> data.column(c, "--features")).toArray(), positive, keepRows);
    }
    log.info("scoring %s (label %s, predictions from %s)", data.source(), o.labelColumn(),
        prediction >= 0 ? "column " + o.predictionColumn() : "score column " + o.scoreColumn());
    return FileScorer.score(new Inputs(data, predictionRows, label, prediction, score, slice, positive,
        o.negativeLabel(), o.decisionThreshold()), keepRows);
  }

  /** The bars (key -> clause) from --bars or --bars-configmap; none without either. */
  private Map<String, String> bars() {
    List<String> figures = GateResult.FIGURES.stream().map(GateResult::resultName).toList();
    Map<String, String> bars;
    if (o.bars() != null) {
      bars = Bars.of(Bars.read(o.bars()), "--bars " + o.bars(), figures);
    } else if (o.barsConfigMap() != null) {
      KubernetesClient client = kubernetes.get();
      String ns = o.namespace() == null ? client.getNamespace() : o.namespace();
      ConfigMap map = client.configMaps().inNamespace(ns).withName(o.barsConfigMap()).get();
      require(map != null, "--bars-configmap: ConfigMap " + ns + "/" + o.barsConfigMap() + " not found (the "
          + "admission policy denies every gated model in a namespace without it)");
      bars = Bars.of(map.getData() == null ? Map.of() : map.getData(), "ConfigMap " + ns + "/"
          + o.barsConfigMap(), figures);
    } else {
      return Map.of();
    }
    if (bars.isEmpty()) {
      log.warn("the bars hold no min-<figure> key: the admission policy checks no figure, nor does the gate");
    }
    return bars;
  }

  private int finish(Thresholds thresholds, Tally tally, Map<String, Double> baseline, Annotator annotator,
      ModelDeployer deployer) {
    int positive = positiveIndex(tally.labels());
    Scorecard card = Scorecard.of(tally, positive);
    Map<String, Bootstrap.Interval> ci = o.bootstrap() > 0
        ? Bootstrap.intervals(tally, positive, o.bootstrap(), o.seed()) : Map.of();
    String override = o.override();
    Judgement judgement = Judgement.judge(thresholds, GateVariables.of(card, baseline, ci), !baseline.isEmpty(),
        override);
    Map<String, String> headline = new GateOutputs(o, log, results, artifacts).write(card, judgement, ci, override);
    if (annotator != null) {
      annotator.annotate(judgement, headline, override, log);
    }
    Optional<String> refusal = Refusal.of(judgement, o.onMissingBaseline(), deployer != null);
    if (deployer != null && refusal.isEmpty()) {
      deployer.deploy(kubernetes.get(), Annotator.annotations(judgement, headline, override), log);
    } else if (deployer != null) {
      log.warn("not deployed: %s (verdict %s)", deployer.description(), judgement.verdict());
    }
    GatePush.push(gateway, pushLabels, judgement, refusal.isPresent(), headline, log);
    if (refusal.isPresent()) {
      throw StepException.checkFailed(refusal.get());
    }
    return StepExit.OK;
  }

  /** The positive class: the one given, else "1"/"true" when the labels are 0/1 or true/false, else none. */
  private int positiveIndex(Labels labels) {
    if (o.positiveLabel() != null) {
      return labels.names().indexOf(Labels.normalise(o.positiveLabel()));
    }
    Set<String> seen = Set.copyOf(labels.names());
    for (String[] pair : new String[][] {{"1", "0"}, {"true", "false"}, {"True", "False"}}) {
      if (Set.of(pair).containsAll(seen)) {
        return labels.names().indexOf(pair[0]);
      }
    }
    return -1;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw StepException.usage(message);
    }
  }
}
