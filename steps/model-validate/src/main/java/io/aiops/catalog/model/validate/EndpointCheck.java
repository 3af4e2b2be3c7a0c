package io.aiops.catalog.model.validate;

import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.kserve.ModelInput;
import io.aiops.catalog.kserve.InferenceEndpoint;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.check.Finding;
import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.StepHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Does the model answer, under its own name, with one well-formed prediction per row, and the expected ones?
 * An endpoint that cannot be reached is an ERROR, never a pass.
 */
final class EndpointCheck {
  /** The endpoint as found, the rows it was asked about and what it predicted. */
  record Outcome(List<Finding> checks, Optional<InferenceEndpoint> endpoint, Optional<SampleData> payload,
      List<JsonNode> predictions) {
    boolean usable() {
      return endpoint.isPresent() && payload.isPresent()
          && checks.stream().allMatch(c -> c.status().ok());
    }
  }

  private final StepHttp http;
  private final StepLog log;
  private final Duration loadingTimeout;

  EndpointCheck(StepHttp http, StepLog log, Duration loadingTimeout) {
    this.http = http;
    this.log = log;
    this.loadingTimeout = loadingTimeout;
  }

  Outcome check(URI base, String model, Protocol protocol, SampleData sample, List<JsonNode> expected,
      double tolerance) {
    List<Finding> checks = new ArrayList<>();
    // --ready-timeout bounds the whole wait for the endpoint, every try and backoff included
    Instant deadline = Instant.now().plus(loadingTimeout);
    StepHttp waiting = http.within(loadingTimeout);
    try {
      InferenceEndpoint endpoint = InferenceEndpoint.open(base, model, protocol, http, waiting, log);
      log.info("checking %s model %s at %s", endpoint.protocol(), model, base);
      awaitLoaded(endpoint, waiting, deadline);
      checks.addAll(endpoint.serving());
      if (checks.stream().anyMatch(c -> c.status() == Status.FAIL)) {
        return new Outcome(checks, Optional.of(endpoint), Optional.empty(), List.of());
      }
      Optional<SampleData> payload = Optional.ofNullable(sample).or(() -> endpoint.describe()
          .filter(ModelInput::numeric).map(in -> SampleData.fromMetadata((int) in.width(), in.datatype())));
      if (payload.isEmpty()) {
        checks.add(Finding.warn("endpoint/predict", "no --sample and no input shape in the model's metadata: "
            + "predictions not checked"));
        return new Outcome(checks, Optional.of(endpoint), Optional.empty(), List.of());
      }
      Optional<String> mismatch = endpoint.mismatch(payload.get().width());
      if (mismatch.isPresent()) {
        checks.add(Finding.fail("endpoint/predict", "%s", mismatch.get()));
        return new Outcome(checks, Optional.of(endpoint), payload, List.of());
      }
      InferenceEndpoint.Prediction answer = endpoint.predict(payload.get().rows());
      if (!answer.ok()) {
        checks.add(Finding.fail("endpoint/predict", "%d row(s) from %s: %s", payload.get().rows().size(),
            payload.get().source(), answer.problem()));
        return new Outcome(checks, Optional.of(endpoint), payload, List.of());
      }
      checks.add(Finding.pass("endpoint/predict", "%d row(s) from %s -> %d prediction(s), first %s",
          payload.get().rows().size(), payload.get().source(), answer.perRow().size(), answer.perRow().get(0)));
      if (expected != null) {
        checks.add(compareExpected(answer.perRow(), expected, tolerance));
      }
      return new Outcome(checks, Optional.of(endpoint), payload, answer.perRow());
    } catch (StepException unreachable) {
      checks.add(Finding.error("endpoint", "%s", unreachable.getMessage()));
      return new Outcome(checks, Optional.empty(), Optional.empty(), List.of());
    }
  }

  /** A model still loading answers 503: only then is it waited for, with backoff, up to --ready-timeout. */
  private void awaitLoaded(InferenceEndpoint endpoint, StepHttp waiting, Instant deadline) {
    HttpResponse<String> ready = waiting.get(endpoint.readyUri());
    if (ready.statusCode() == 503) {
      Duration left = Duration.between(Instant.now(), deadline);
      // rounded up: a deadline 59.9 s away is "up to 60s", as the user gave it
      log.info("model %s is loading (HTTP 503): waiting up to %ds", endpoint.model(),
          Math.max(0, (left.toMillis() + 999) / 1000));
      http.awaitReady(endpoint.readyUri(), left.isNegative() ? Duration.ZERO : left);
    }
  }

  private static Finding compareExpected(List<JsonNode> actual, List<JsonNode> expected, double tolerance) {
    if (actual.size() != expected.size()) {
      return Finding.fail("endpoint/expect", "%d prediction(s) but %d expected value(s): --expect must have one "
          + "value a --sample row", actual.size(), expected.size());
    }
    int agree = 0;
    int firstBad = -1;
    for (int i = 0; i < actual.size(); i++) {
      if (Agreement.same(actual.get(i), expected.get(i), tolerance)) {
        agree++;
      } else if (firstBad < 0) {
        firstBad = i;
      }
    }
    return agree == actual.size()
        ? Finding.pass("endpoint/expect", "all %d prediction(s) as expected (tolerance %s)", agree, tolerance)
        : Finding.fail("endpoint/expect", "%d of %d prediction(s) differ; first at row %d: got %s, expected %s",
            actual.size() - agree, actual.size(), firstBad + 1, actual.get(firstBad), expected.get(firstBad));
  }
}
