package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.InferenceEndpoint;
import io.aiops.catalog.kserve.ModelRollout;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import io.aiops.catalog.step.check.Finding;
import static io.aiops.catalog.model.validate.TargetOptions.blank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.LoadClient;
import io.aiops.catalog.step.http.StepHttp;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The checks in order: the InferenceService and its pods, the files, the endpoint, the load, the comparison. */
final class ModelValidation {
  private final TargetOptions target;
  private final LoadOptions load;
  private final Report report;
  private final StepLog log;
  private final StepHttp http;
  private final LoadClient loadClient;
  private final Duration loadTimeout;
  private final SampleData sample;
  private final List<JsonNode> expected;
  private LoadResult measured;
  private ArrayNode curve;
  private final Promotion promotion;
  private Promotion.Outcome promoted;

  ModelValidation(TargetOptions target, LoadOptions load, Report report, StepLog log, StepHttp http,
      LoadClient loadClient, Duration loadTimeout) {
    this.target = target;
    this.load = load;
    this.report = report;
    this.log = log;
    this.http = http;
    this.loadClient = loadClient;
    this.loadTimeout = loadTimeout;
    Path samplePath = target.dataFile(target.sample);
    Path expectPath = target.dataFile(target.expect);
    this.sample = samplePath == null ? null : SampleData.read(samplePath);
    this.expected = expectPath == null ? null : SampleData.readExpected(expectPath);
    Path candidate = target.promoteCandidate();
    this.promotion = candidate == null ? null : new Promotion(target.modelDirectory(), candidate, target.modelFile);
  }

  void run(KubernetesClient kube) {
    String model = blank(target.modelName) ? target.isvc : target.modelName;
    Protocol protocol = target.protocol;
    Optional<String> url = blank(target.url) ? Optional.empty() : Optional.of(target.url.trim());
    long deadline = System.nanoTime() + target.readyTimeout.toNanos();
    Promotion.Outcome promoted = null;
    if (promotion != null) {
      promoted = promote();
      if (promoted == null) {
        return;
      }
    }
    String trained = promoted != null ? promoted.sha256() : blank(target.expectedSha256) ? null
        : target.expectedSha256.trim().toLowerCase(java.util.Locale.ROOT);
    Path served = promoted != null ? target.modelDirectory().resolve(Promotion.CURRENT) : target.modelDirectory();
    if (kube != null) {
      String ns = blank(target.namespace) ? Optional.ofNullable(kube.getNamespace()).orElse("default")
          : target.namespace;
      if (promoted != null) {
        roll(kube, ns, promoted.sha256());
      }
      var outcome = new InferenceServiceCheck(kube, log).check(ns, target.isvc, target.readyTimeout);
      report.addAll(outcome.checks());
      if (outcome.isvc().isEmpty()) {
        return;
      }
      InferenceService isvc = outcome.isvc().get();
      if (trained != null && (promoted != null || isvc.rolledSha256().isPresent())) {
        report.add(new RolloutCheck(kube, log).await(isvc, trained,
            Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
      }
      report.addAll(new PredictorPodsCheck(kube).check(isvc));
      served = servedDirectory(isvc, promoted).orElse(served);
      url = url.or(isvc::url);
      if (protocol == Protocol.auto) {
        protocol = isvc.protocol().orElse(Protocol.auto);
      }
    }
    if (served != null) {
      report.addAll(ModelFilesCheck.check(served, target.modelFile, target.minModelBytes, trained));
    } else if (trained != null) {
      report.add(Finding.warn("model-sha256", "--expected-sha256 given but no --model-dir mounted: not checked"));
    }
    if (url.isEmpty() && kube == null && promoted != null) {
      log.info("no InferenceService or URL given: the files are promoted, nothing serving them was checked");
      return;
    }
    if (url.isEmpty()) {
      if (report.worstSoFar().ok()) {
        report.add(Finding.error("endpoint", "InferenceService %s has no status.address.url: give --url",
            target.isvc));
      } else {
        log.info("endpoint not checked: the InferenceService is not ready and has no address yet");
      }
      return;
    }
    EndpointCheck endpoints = new EndpointCheck(http, log, target.readyTimeout);
    EndpointCheck.Outcome candidate = endpoints.check(URI.create(url.get()), model, protocol, sample, expected,
        target.tolerance);
    report.addAll(candidate.checks());
    if (load.enabled()) {
      loadTest(candidate);
    }
    if (!blank(target.compareUrl)) {
      compare(endpoints, candidate);
    }
  }

  private void loadTest(EndpointCheck.Outcome candidate) {
    if (!candidate.usable()) {
      report.add(Finding.warn("latency", "no load test: the endpoint has no working predict request to load"));
      return;
    }
    List<LoadClient.Request> requests = LatencyCheck.requests(loadClient, candidate.endpoint().get(),
        candidate.payload().get());
    LatencyCheck latency = new LatencyCheck(loadClient, loadTimeout, log);
    measured = latency.measure(requests, load.plan());
    report.figures().set("load", measured.toJson());
    report.add(LatencyCheck.judge("latency", measured, load.p95Bound(), load.maxErrorRate));
    if (load.sweep) {
      curve = report.figures().putArray("sweep");
      report.add(latency.sweep(requests, load.plan(), load.sweepMaxConcurrency, load.maxP95Ms, load.maxErrorRate,
          curve));
    }
  }

  private void compare(EndpointCheck endpoints, EndpointCheck.Outcome candidate) {
    if (candidate.predictions().isEmpty()) {
      report.add(Finding.error("compare", "the candidate gave no predictions to compare"));
      return;
    }
    InferenceEndpoint mine = candidate.endpoint().get();
    String name = blank(target.compareModelName) ? mine.model() : target.compareModelName;
    Protocol protocol = mine.protocol();
    EndpointCheck.Outcome production = endpoints.check(URI.create(target.compareUrl.trim()), name, protocol,
        candidate.payload().get(), null, target.tolerance);
    var figures = report.figures().putObject("compare");
    report.add(ShadowCompare.agreement(candidate.predictions(), production, target.tolerance, target.minAgreement,
        figures));
    if (measured != null && production.usable()) {
      LoadResult prod = new LatencyCheck(loadClient, loadTimeout, log).measure(LatencyCheck.requests(loadClient,
          production.endpoint().get(), production.payload().get()), load.plan());
      report.add(ShadowCompare.latency(measured, prod, figures));
    }
  }

  /** Promotes the candidate unless it is not the trained model; null when refused (the finding says why). */
  private Promotion.Outcome promote() {
    String sha = promotion.candidateSha256();
    if (!blank(target.expectedSha256) && !sha.equalsIgnoreCase(target.expectedSha256.trim())) {
      report.add(Finding.fail("promote", "candidate %s has sha256 %s, not the trained %s: nothing promoted",
          target.promoteFrom, sha, target.expectedSha256.trim()));
      return null;
    }
    Promotion.Outcome outcome = promotion.promote(sha);
    report.add(Finding.pass("promote", "%s now serves versions/%s (was %s)", Promotion.CURRENT, outcome.version(),
        outcome.previous() == null ? "nothing" : outcome.previous()));
    this.promoted = outcome;
    return outcome;
  }

  /** A missing InferenceService is the next check's finding; any other refusal is this one's. */
  private void roll(KubernetesClient kube, String ns, String sha) {
    try {
      ModelRollout.roll(kube, ns, target.isvc, sha);
      log.info("rolled the predictor of %s/%s to model %s", ns, target.isvc, RolloutCheck.short12(sha));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /**
   * The directory the predictor really loads: the path its pvc:// storageUri names inside the mounted claim. A
   * promotion the InferenceService does not load from is a failure, whatever the files say.
   */
  private Optional<Path> servedDirectory(InferenceService isvc, Promotion.Outcome promoted) {
    if (blank(target.modelDir) || isvc.pvcPath().isEmpty()) {
      return Optional.empty();
    }
    String path = isvc.pvcPath().get();
    if (!blank(target.modelFile) && (path.equals(target.modelFile) || path.endsWith("/" + target.modelFile))) {
      path = path.substring(0, Math.max(0, path.length() - target.modelFile.length() - 1));
    }
    if (promoted != null) {
      String expected = (blank(target.modelPath) ? "" : target.modelPath.trim().replaceAll("/+$", "") + "/")
          + Promotion.CURRENT;
      if (!path.equals(expected)) {
        report.add(Finding.fail("storage-uri", "InferenceService %s loads pvc://.../%s, but the promoted model is "
            + "at %s: set its storageUri to pvc://CLAIM/%s", isvc.name(), path, expected, expected));
      }
    }
    return Optional.of(target.modelDir.resolve(path));
  }

  Promotion.Outcome promoted() {
    return promoted;
  }

  String p95Ms() {
    return measured == null ? "" : String.format("%.3f", measured.percentileMs(95));
  }

  String errorRate() {
    return measured == null ? "" : String.format("%.4f", measured.errorRate());
  }

  void writeCurve(Path artifacts, Path reportDir) {
    if (curve == null) {
      return;
    }
    for (Path dir : new Path[] {artifacts, reportDir}) {
      if (dir != null) {
        io.aiops.catalog.step.io.AtomicFiles.write(dir.resolve("sweep.json"), curve.toPrettyString() + "\n");
      }
    }
  }
}
