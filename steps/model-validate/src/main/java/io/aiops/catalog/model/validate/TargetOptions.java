package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.step.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What to validate: the InferenceService, its endpoint, its files and the sample to ask it about. */
public class TargetOptions {
  @Option(names = "--isvc", paramLabel = "NAME", converter = KubeName.Subdomain.class,
      description = "InferenceService to check (conditions, model status, predictor pods, endpoint URL).")
  String isvc;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", converter = KubeName.Label.class,
      description = "Namespace of the InferenceService. Default: the current (or the pod's) namespace.")
  String namespace;

  @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long to watch the InferenceService become ready, and to wait for a model still loading "
          + "(HTTP 503). Default: ${DEFAULT-VALUE}.")
  Duration readyTimeout;

  @Option(names = "--url", paramLabel = "URL",
      description = "Inference endpoint base URL. Default: the InferenceService's status.address.url.")
  String url;

  @Option(names = "--model-name", paramLabel = "NAME",
      description = "Name the model must be served under. Default: the InferenceService's name.")
  String modelName;

  @Option(names = "--protocol", paramLabel = "v1|v2|auto", defaultValue = "auto",
      description = "Inference protocol: v1 (KServe), v2 (Open Inference Protocol) or auto. Default: ${DEFAULT-VALUE}.")
  Protocol protocol;

  @Option(names = "--sample", paramLabel = "FILE",
      description = "Input rows (CSV or JSON rows) to predict. Default for v2: one row shaped by the model's metadata.")
  Path sample;

  @Option(names = "--expect", paramLabel = "FILE",
      description = "Expected predictions, one per --sample row (JSON array or one a line).")
  Path expect;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6",
      description = "Largest difference between numeric predictions still counted equal. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "Mounted model volume to check (files present, not tiny, sha256). Default: not checked.")
  Path modelDir;

  @Option(names = "--model-path", paramLabel = "SUBDIR", defaultValue = "",
      description = "The model's directory inside --model-dir, e.g. anomaly-detector. Default: --model-dir itself.")
  String modelPath;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory that relative --sample and --expect paths are read from (the data workspace).")
  Path dataDir;

  @Option(names = "--model-file", paramLabel = "NAME",
      description = "The model file in --model-dir (e.g. model.joblib) that --expected-sha256 is for.")
  String modelFile;

  @Option(names = "--min-model-bytes", paramLabel = "N", defaultValue = "1024",
      description = "Smaller model files fail as truncated or placeholder. Default: ${DEFAULT-VALUE}.")
  long minModelBytes;

  @Option(names = "--expected-sha256", paramLabel = "HEX",
      description = "SHA-256 the model file must have (e.g. notebook-train's result).")
  String expectedSha256;

  @Option(names = "--promote-from", paramLabel = "SUBDIR",
      description = {"Promote first: copy this trained candidate (in --model-dir) to MODEL-PATH/versions/SHA, "
          + "switch the link MODEL-PATH/current to it in one rename, and roll the predictor so it loads it; "
          + "then validate that what is served is it. Refused when its sha256 is not --expected-sha256.",
          "The InferenceService's storageUri names pvc://CLAIM/MODEL-PATH/current."})
  String promoteFrom;

  @Option(names = "--compare-url", paramLabel = "URL",
      description = "Production endpoint to shadow-compare with: same sample to both, agreement and p95 difference.")
  String compareUrl;

  @Option(names = "--compare-model-name", paramLabel = "NAME",
      description = "Model name at --compare-url. Default: --model-name.")
  String compareModelName;

  @Option(names = "--min-agreement", paramLabel = "SHARE", defaultValue = "1.0",
      description = "Least share (0-1) of rows where candidate and production agree. Default: ${DEFAULT-VALUE}.")
  double minAgreement;

  /** The model directory to check, or null when none was mounted (Tekton passes an unbound workspace as ""). */
  Path modelDirectory() {
    return blank(modelDir) ? null : blank(modelPath) ? modelDir : modelDir.resolve(modelPath.trim());
  }

  /** The candidate to promote, or null when none was named. */
  Path promoteCandidate() {
    return blank(promoteFrom) || blank(modelDir) ? null : modelDir.resolve(promoteFrom.trim());
  }

  /** A --sample or --expect path, relative ones read from --data-dir; null when not given. */
  Path dataFile(Path file) {
    if (blank(file)) {
      return null;
    }
    return file.isAbsolute() || blank(dataDir) ? file : dataDir.resolve(file);
  }

  static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
