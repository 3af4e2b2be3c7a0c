package io.aiops.catalog.step.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.HttpOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PushOptionsTest {
  @Command(name = "step")
  static class Step {
    @Mixin HttpOptions http;
    @Mixin PushOptions push;
  }

  StepLog log = new StepLog("test", LogFormat.text, false, new PrintStream(new ByteArrayOutputStream(), true));

  static Step parse(String... args) {
    Step step = new Step();
    new CommandLine(step).parseArgs(args);
    return step;
  }

  /** The step's own token is for its service: the Pushgateway must not receive it. */
  @Test
  void pushesTheGroupWithoutTheStepsBearerToken(@TempDir Path dir) throws Exception {
    WireMockServer gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    gateway.start();
    try {
      gateway.stubFor(put(urlEqualTo("/metrics/job/accuracy-gate/model/fraud%20v2/branch@base64/=")).willReturn(ok()));
      Path token = Files.writeString(dir.resolve("token"), "s3cret-endpoint-token");
      Step step = parse("--token-file", token.toString(), "--pushgateway-url", gateway.baseUrl() + "/",
          "--pushgateway-label", "model=fraud v2,branch=");

      PushOptions.push(step.push.gateway(step.http, log), "accuracy-gate", step.push.labels(),
          new Gauges().gauge("accuracy_gate_failed", "1 when blocked.", 1), false, log);

      gateway.verify(putRequestedFor(urlEqualTo("/metrics/job/accuracy-gate/model/fraud%20v2/branch@base64/="))
          .withHeader("Authorization", absent())
          .withHeader("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8")));
      assertThat(gateway.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo(
          "# HELP accuracy_gate_failed 1 when blocked.\n# TYPE accuracy_gate_failed gauge\naccuracy_gate_failed 1\n");
    } finally {
      gateway.stop();
    }
  }

  @Test
  void noUrlIsNothingAndBadLabelsOrUrlsAreUsageErrors() {
    assertThat(parse().push.gateway(new HttpOptions(), log)).isEmpty();
    Step job = parse("--pushgateway-url", "http://pg:9091", "--pushgateway-label", "job=x");
    assertThatThrownBy(() -> job.push.gateway(job.http, log)).isInstanceOf(StepException.class)
        .hasMessageContaining("--pushgateway-label job=...").extracting(e -> ((StepException) e).exitCode())
        .isEqualTo(2);
    Step url = parse("--pushgateway-url", "pg:9091");
    assertThatThrownBy(() -> url.push.gateway(url.http, log)).hasMessageContaining("must be http(s)://host:port");
    assertThat(parse("--pushgateway-label", "model=a,branch=main").push.labels())
        .isEqualTo(Map.of("model", "a", "branch", "main"));
  }

  @Test
  void aFailedPushIsExit4OnlyWhenTheRunItselfSucceeded() throws Exception {
    int closed;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Step step = parse("--pushgateway-url", "http://127.0.0.1:" + closed, "--http-retries", "0");
    var gateway = step.push.gateway(step.http, log);
    Gauges gauges = new Gauges().gauge("x", "x.", 1);
    assertThatThrownBy(() -> PushOptions.push(gateway, "job", Map.of(), gauges, false, log))
        .isInstanceOf(StepException.class).extracting(e -> ((StepException) e).exitCode()).isEqualTo(4);
    PushOptions.push(gateway, "job", Map.of(), gauges, true, log);
  }
}
