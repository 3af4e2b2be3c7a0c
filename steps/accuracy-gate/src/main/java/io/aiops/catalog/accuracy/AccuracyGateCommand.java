package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.data.DataFormat;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.artifacts.ArtifactDir;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.metrics.PushOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@TopCommand
@Command(name = "accuracy-gate", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Scores a model on labelled data and fails (exit 3) when CEL thresholds over its figures do "
        + "not hold: accuracy, balanced_accuracy, precision, recall, f1, mcc, specificity, roc_auc, pr_auc, the "
        + "macro/weighted averages and counts, also as baseline.*, trivial.*, ci.*.low/high, slices, per_class.",
        "Writes metrics.json, confusion-matrix.svg and a verdict (PASS, FAIL, NO_THRESHOLDS, NO_BASELINE, "
            + "OVERRIDDEN).",
        "The admission policy's bars (--bars, --bars-configmap) are clauses too; --deploy-manifest deploys a "
            + "passing model with the figures the policy checks."},
    footerHeading = "%nExamples:%n",
    footer = {"  accuracy-gate --data test.csv --label-column Class --positive-label 1 --prediction-column pred \\",
        "      --threshold 'recall >= 0.8 && precision >= 0.5 && f1 > trivial.f1'",
        "  accuracy-gate --data test.arff --label-column class --endpoint https://fraud.dev.svc --model-name fraud \\",
        "      --baseline-metrics prod/metrics.json --threshold 'recall >= baseline.recall - 0.01'",
        "  accuracy-gate --data pr-12/test.csv --label-column Class --prediction-column prediction \\",
        "      --bars-configmap accuracy-gate-params -n fraud-demo-dev --threshold 'f1 > trivial.f1' \\",
        "      --deploy-manifest deploy/inferenceservice.yaml --deploy-name fraud-pr-12 \\",
        "      --storage-uri pvc://model-storage/fraud-pr-12"})
public class AccuracyGateCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin HttpOptions http;
  @Mixin PushOptions push;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Labelled data: CSV with a header, JSON lines or ARFF.")
  Path data;
  @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|csv|jsonl|arff",
      description = "Format of --data and --predictions. Default: ${DEFAULT-VALUE} (by extension).")
  DataFormat format;
  @Option(names = "--label-column", required = true, paramLabel = "NAME", description = "Column of the true label.")
  String labelColumn;
  @Option(names = "--positive-label", paramLabel = "LABEL",
      description = "The positive class (e.g. 1 for fraud). Default: 1 or true when the labels are 0/1 or "
          + "true/false; otherwise precision, recall and f1 are macro averages.")
  String positiveLabel;
  @Option(names = "--negative-label", paramLabel = "LABEL",
      description = "Label predicted below --decision-threshold when only scores are given. Default: 0 for 1, "
          + "false for true, no for yes.")
  String negativeLabel;
  @Option(names = "--prediction-column", paramLabel = "NAME", description = "Column of the predicted label.")
  String predictionColumn;
  @Option(names = "--score-column", paramLabel = "NAME",
      description = "Column of the positive class's score (probability), for roc_auc and pr_auc; alone, the "
          + "prediction is score >= --decision-threshold.")
  String scoreColumn;
  @Option(names = "--decision-threshold", defaultValue = "0.5", paramLabel = "P",
      description = "Score from which a row is predicted positive (scores only). Default: ${DEFAULT-VALUE}.")
  double decisionThreshold;
  @Option(names = "--predictions", paramLabel = "FILE",
      description = "A second file holding the prediction/score columns, row for row with --data.")
  Path predictions;
  @Mixin EndpointOptions endpoint;

  @Option(names = "--features", paramLabel = "A,B,...",
      description = "The model's feature columns in order; the data's other columns must be exactly these.")
  String features;
  @Option(names = "--model-metadata", paramLabel = "FILE",
      description = "JSON written by training with the feature list (features, feature_names or "
          + "feature_names_in_), instead of --features.")
  Path modelMetadata;
  @Option(names = "--ignore-columns", paramLabel = "A,B,...",
      description = "Columns that are neither features nor label (ids, timestamps).")
  String ignoreColumns;

  @Option(names = "--threshold", paramLabel = "CEL",
      description = "A CEL condition over the figures, e.g. 'recall >= 0.8 && precision >= 0.5'; repeatable (all "
          + "must hold). None: the figures are reported and the verdict is NO_THRESHOLDS.")
  List<String> thresholds = new ArrayList<>();
  @Option(names = "--bars", paramLabel = "PATH",
      description = "The namespace's bars, as the accuracy-gate admission policy reads them: a ConfigMap mounted as a "
          + "directory, a ConfigMap manifest or a YAML map. Each key min-<figure> (e.g. min-recall: \"0.8\") is the "
          + "clause <figure> >= value, ANDed with --threshold.")
  Path bars;
  @Option(names = "--bars-configmap", paramLabel = "NAME", converter = KubeName.Subdomain.class,
      description = "Read the bars from this ConfigMap in --namespace (e.g. accuracy-gate-params, the one the "
          + "admission policy reads there) instead of --bars.")
  String barsConfigMap;
  @Option(names = "--baseline-metrics", paramLabel = "FILE",
      description = "The production model's metrics.json, as baseline.* in thresholds. With --on-missing-baseline "
          + "pass, a file that does not exist counts as no baseline (a model's first run).")
  Path baselineMetrics;
  @Option(names = "--on-missing-baseline", defaultValue = "fail", paramLabel = "pass|fail",
      description = "Exit code when thresholds name baseline.* and no baseline is given (verdict NO_BASELINE). "
          + "Default: ${DEFAULT-VALUE}.")
  GateRequest.MissingBaseline onMissingBaseline;
  @Option(names = "--slice-by", paramLabel = "COLUMN",
      description = "Compute the figures per value of this column, as slices in thresholds.")
  String sliceBy;
  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N",
      description = "Bootstrap resamples for 95%% intervals (ci.<figure>.low/high); 0: none. Default: "
          + "${DEFAULT-VALUE}.")
  int bootstrap;
  @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
      description = "Seed of the bootstrap, fixed so reruns agree. Default: ${DEFAULT-VALUE}.")
  long seed;
  @Option(names = "--override", paramLabel = "REASON",
      description = "Pass a failing model anyway, recording this reason (verdict OVERRIDDEN).")
  String override;
  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Where metrics.json, confusion-matrix.svg and verdict go (also copied to the artifacts "
          + "directory). Default: the artifacts directory, else none.")
  @Output
  Path outputDir;

  @Option(names = "--annotate", paramLabel = "KIND/NAME",
      description = "Write the verdict and figures as accuracy-gate.aiops.io/* annotations on this "
          + "inferenceservice/NAME or deployment/NAME (read by the admission policy).")
  String annotate;
  @Option(names = "--deploy-manifest", paramLabel = "FILE",
      description = "After a PASS or OVERRIDDEN verdict, create or update this InferenceService in --namespace, "
          + "labelled accuracy-gate.aiops.io/gated=true and annotated as --annotate does; on any other verdict "
          + "nothing is deployed.")
  Path deployManifest;
  @Option(names = "--manifest-dir", paramLabel = "DIR",
      description = "Directory a relative --deploy-manifest is in (a Task's source workspace). Default: the working "
          + "directory.")
  Path manifestDir;
  @Option(names = "--deploy-name", paramLabel = "NAME", converter = KubeName.Label.class,
      description = "Name of the deployed InferenceService. Default: the manifest's.")
  String deployName;
  @Option(names = "--storage-uri", paramLabel = "URI",
      description = "Set the deployed predictor's storageUri (spec.predictor.model, or its framework block) to "
          + "this, e.g. pvc://model-storage/fraud-detector-pr-12: the model that was gated.")
  String storageUri;
  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the --annotate target, the --deploy-manifest InferenceService and the "
          + "--bars-configmap. Default: the pod's own.")
  String namespace;

  @Inject Instance<KubernetesClient> kubernetes;

  @Override
  public Integer call() {
    StepLog log = step.log();
    Path baseline = baselineMetrics;
    if (baseline != null && onMissingBaseline == GateRequest.MissingBaseline.pass && !Files.exists(baseline)) {
      // a retraining pipeline names the served model's figures, which a model's first run does not have yet
      log.warn("no baseline at %s (a first model?): clauses naming baseline.* are not judged", baseline);
      baseline = null;
    }
    GateRequest request = GateRequest.of(data, format, labelColumn, positiveLabel, negativeLabel,
        predictionColumn, scoreColumn, decisionThreshold, predictions, endpoint.request(), features, modelMetadata,
        ignoreColumns, thresholds, baseline, onMissingBaseline, sliceBy, bootstrap, seed, override, outputDir,
        annotate, namespace, bars, barsConfigMap,
        manifestDir == null || deployManifest == null ? deployManifest : manifestDir.resolve(deployManifest),
        deployName, storageUri);
    return new AccuracyGate(request, log, step.results(), step.artifacts().map(ArtifactDir::path),
        () -> http.client(log), () -> kubernetes.get(), push.gateway(http, log), push.labels()).run();
  }
}
