package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.check.Status;
import static io.aiops.catalog.model.validate.TargetOptions.blank;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.http.LoadClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@TopCommand
@Command(name = "model-validate", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Checks that an InferenceService is really ready (conditions, model status, predictor pods), "
        + "that its model files are the trained ones, that it answers correctly under its own name, and fast.",
        "Each check is PASS, WARN, ERROR or FAIL; the verdict is the worst. Exit 3 on FAIL (also beside an ERROR), 4 on ERROR alone."},
    footerHeading = "%nExamples:%n",
    footer = {"  model-validate --isvc anomaly-detector -n models --sample sample.csv --expect expected.json",
        "  model-validate --url http://localhost:8080 --model-name fraud --protocol v2 --load-requests 2000 "
            + "--concurrency 16 --max-p95-ms 50 --sweep"})
public class ModelValidateCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin HttpOptions http;
  @Mixin TargetOptions target;
  @Mixin LoadOptions load;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where summary.json (and sweep.json) are written, besides the artifacts directory.")
  @Output
  Path reportDir;

  @Inject Instance<KubernetesClient> kubernetes;

  @Override
  public Integer call() {
    validate();
    var log = step.log();
    Report report = new Report(log);
    ModelValidation validation = new ModelValidation(target, load, report, log, http.client(log),
        LoadClient.from(http, log), http.timeout());
    validation.run(blank(target.isvc) ? null : kubernetes.get());

    Status verdict = report.verdict();
    log.info("verdict: %s (%d check(s))", verdict, report.checks().size());
    step.artifacts().ifPresent(a -> report.writeSummary(a.path().resolve("summary.json")));
    if (!blank(reportDir)) {
      report.writeSummary(reportDir.resolve("summary.json"));
    }
    validation.writeCurve(step.artifacts().map(a -> a.path()).orElse(null), blank(reportDir) ? null : reportDir);
    step.results()
        .put(ValidateResult.VERDICT, verdict.name())
        .put(ValidateResult.P95_MS, validation.p95Ms())
        .put(ValidateResult.ERROR_RATE, validation.errorRate())
        .put(ValidateResult.PROMOTED_VERSION, validation.promoted() == null ? ""
            : Promotion.VERSIONS + "/" + validation.promoted().version())
        .put(ValidateResult.PREVIOUS_VERSION, validation.promoted() == null || validation.promoted().previous() == null
            ? "" : Promotion.VERSIONS + "/" + validation.promoted().previous())
        .write();
    return verdict.exitCode();
  }

  /** Every input problem is found before the first request. */
  private void validate() {
    load.validate();
    if (blank(target.isvc) && blank(target.url) && blank(target.promoteFrom)) {
      throw StepException.usage("give --isvc (an InferenceService) or --url (an inference endpoint)");
    }
    if (blank(target.isvc) && !blank(target.url) && blank(target.modelName)) {
      throw StepException.usage("with --url alone, give --model-name: the name the model must be served under");
    }
    if (!blank(target.expect) && blank(target.sample)) {
      throw StepException.usage("--expect needs --sample: the expected predictions are for the sample's rows");
    }
    if (!blank(target.promoteFrom) && (blank(target.modelDir) || blank(target.modelPath))) {
      throw StepException.usage("--promote-from needs --model-dir (the model volume) and --model-path (the "
          + "model's directory in it, whose current link is switched)");
    }
    if (target.minAgreement < 0 || target.minAgreement > 1 || target.tolerance < 0) {
      throw StepException.usage("--min-agreement is a share between 0 and 1, --tolerance at least 0");
    }
  }
}
