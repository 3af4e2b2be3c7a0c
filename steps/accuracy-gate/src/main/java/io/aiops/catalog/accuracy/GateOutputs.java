package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.accuracy.metrics.Bootstrap.Interval;
import io.aiops.catalog.accuracy.metrics.Scorecard;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.io.AtomicFiles;
import io.aiops.catalog.step.results.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Writes what a run decided: the log lines, metrics.json and the SVG, and the Tekton results. */
final class GateOutputs {
  private final GateRequest o;
  private final StepLog log;
  private final Results results;
  private final Optional<Path> artifacts;

  GateOutputs(GateRequest request, StepLog log, Results results, Optional<Path> artifacts) {
    this.o = request;
    this.log = log;
    this.results = results;
    this.artifacts = artifacts;
  }

  /** Writes everything and returns the headline figures as written in the results (name -> text). */
  Map<String, String> write(Scorecard card, Judgement judgement, Map<String, Interval> ci, String override) {
    Map<String, Double> f = card.figures();
    log.info("%d rows, labels %s%s: accuracy %s, balanced_accuracy %s, precision %s, recall %s, f1 %s, mcc %s%s",
        f.get("rows").longValue(), card.labels(), card.positive() >= 0 ? " (positive "
            + card.labels().get(card.positive()) + ")" : "", fmt(f, "accuracy"), fmt(f, "balanced_accuracy"),
        fmt(f, "precision"), fmt(f, "recall"), fmt(f, "f1"), fmt(f, "mcc"),
        Double.isNaN(f.get("roc_auc")) ? "" : ", roc_auc " + fmt(f, "roc_auc") + ", pr_auc " + fmt(f, "pr_auc"));
    card.slices().forEach((name, s) -> log.info("slice %s=%s: %d rows, accuracy %s, recall %s, precision %s",
        o.sliceBy(), name, s.get("rows").longValue(), fmt(s, "accuracy"), fmt(s, "recall"), fmt(s, "precision")));
    for (Judgement.Outcome outcome : judgement.outcomes()) {
      switch (outcome.status()) {
        case HELD -> log.info("threshold holds: %s (%s)", outcome.clause(), outcome.values());
        case FAILED -> log.error("threshold failed: %s (%s)", outcome.clause(), outcome.values());
        case NO_BASELINE -> log.warn("threshold not judged: %s names baseline.* and no --baseline-metrics was "
            + "given (--on-missing-baseline=%s)", outcome.clause(), o.onMissingBaseline());
      }
    }
    switch (judgement.verdict()) {
      case NO_THRESHOLDS -> log.warn("no --threshold given: figures reported, nothing gated (verdict NO_THRESHOLDS)");
      case OVERRIDDEN -> log.warn("verdict OVERRIDDEN: failing clauses passed on purpose, reason: %s", override);
      default -> log.info("verdict %s", judgement.verdict());
    }

    String metrics = MetricsReport.build(card, judgement, ci, o.bootstrap(), o.seed(), override, o.data().toString())
        .toPrettyString() + "\n";
    String svg = ConfusionSvg.render(card);
    Path metricsFile = null;
    List<Path> dirs = new ArrayList<>();
    if (o.outputDir() != null) {
      dirs.add(o.outputDir());
    }
    artifacts.ifPresent(dirs::add);
    for (Path dir : dirs) {
      Path written = AtomicFiles.write(dir.resolve("metrics.json"), metrics);
      metricsFile = metricsFile == null ? written : metricsFile;
      AtomicFiles.write(dir.resolve("confusion-matrix.svg"), svg);
      AtomicFiles.write(dir.resolve("verdict"), judgement.verdict().name() + "\n");
    }

    String failed = judgement.failed().stream().map(x -> x.clause() + " (" + x.values() + ")")
        .collect(Collectors.joining("; "));
    results
        .put(GateResult.VERDICT, judgement.verdict().name())
        .put(GateResult.ACCURACY, fmt(f, "accuracy"))
        .put(GateResult.BALANCED_ACCURACY, fmt(f, "balanced_accuracy"))
        .put(GateResult.PRECISION, fmt(f, "precision"))
        .put(GateResult.RECALL, fmt(f, "recall"))
        .put(GateResult.F1, fmt(f, "f1"))
        .put(GateResult.MCC, fmt(f, "mcc"))
        .put(GateResult.ROC_AUC, Double.isNaN(f.get("roc_auc")) ? "" : fmt(f, "roc_auc"))
        .put(GateResult.PR_AUC, Double.isNaN(f.get("pr_auc")) ? "" : fmt(f, "pr_auc"))
        .put(GateResult.ROWS, f.get("rows").longValue())
        .put(GateResult.FAILED_CLAUSES, truncate(failed, GateResult.FAILED_CLAUSES_LIMIT))
        .put(GateResult.OVERRIDE_REASON, override == null ? "" : truncate(override, 512))
        .put(GateResult.METRICS_FILE, metricsFile == null ? "" : metricsFile.toString());
    results.write();
    Map<String, String> headline = new java.util.LinkedHashMap<>();
    for (GateResult r : GateResult.FIGURES) {
      headline.put(r.resultName(), results.values().get(r));
    }
    return headline;
  }

  private static String fmt(Map<String, Double> f, String name) {
    return Judgement.format(f.get(name));
  }

  /** Cuts at a byte limit without splitting a character, marking the cut. */
  static String truncate(String s, int maxBytes) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return s;
    }
    String cut = s;
    while (cut.getBytes(StandardCharsets.UTF_8).length > maxBytes - 20) {
      cut = cut.substring(0, cut.length() * 9 / 10);
    }
    return cut + " ... (see metrics.json)";
  }
}
