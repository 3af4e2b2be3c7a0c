package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.kserve.InferenceService;
import io.aiops.catalog.kserve.InferenceEndpoint;
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
  private final SampleData sample;
  private final List<JsonNode> expected;
  private LoadResult measured;
  private ArrayNode curve;

  ModelValidation(TargetOptions target, LoadOptions load, Report report, StepLog log, StepHttp http,
      LoadClient loadClient) {
    this.target = target;
    this.load = load;
    this.report = report;
    this.log = log;
    this.http = http;
    this.loadClient = loadClient;
    Path samplePath = target.dataFile(target.sample);
    Path expectPath = target.dataFile(target.expect);
    this.sample = samplePath == null ? null : SampleData.read(samplePath);
    this.expected = expectPath == null ? null : SampleData.readExpected(expectPath);
  }

  void run(KubernetesClient kube) {
    String model = blank(target.modelName) ? target.isvc : target.modelName;
    Protocol protocol = target.protocol;
    Optional<String> url = blank(target.url) ? Optional.empty() : Optional.of(target.url.trim());
    if (kube != null) {
      String ns = blank(target.namespace) ? Optional.ofNullable(kube.getNamespace()).orElse("default")
          : target.namespace;
      var outcome = new InferenceServiceCheck(kube, log).check(ns, target.isvc, target.readyTimeout);
      report.addAll(outcome.checks());
      if (outcome.isvc().isEmpty()) {
        return;
      }
      InferenceService isvc = outcome.isvc().get();
      report.addAll(new PredictorPodsCheck(kube).check(isvc));
      url = url.or(isvc::url);
      if (protocol == Protocol.auto) {
        protocol = isvc.protocol().orElse(Protocol.auto);
      }
    }
    if (target.modelDirectory() != null) {
      report.addAll(ModelFilesCheck.check(target.modelDirectory(), target.modelFile, target.minModelBytes,
          target.expectedSha256));
    } else if (!blank(target.expectedSha256)) {
      report.add(Finding.warn("model-sha256", "--expected-sha256 given but no --model-dir mounted: not checked"));
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
    LatencyCheck latency = new LatencyCheck(loadClient, log);
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
      LoadResult prod = new LatencyCheck(loadClient, log).measure(LatencyCheck.requests(loadClient,
          production.endpoint().get(), production.payload().get()), load.plan());
      report.add(ShadowCompare.latency(measured, prod, figures));
    }
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
