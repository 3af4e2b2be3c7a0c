package io.aiops.catalog.kserve;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import io.aiops.catalog.step.http.RetryPolicy;
import io.aiops.catalog.step.http.StepHttp;
import io.aiops.catalog.step.http.TlsTrust;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a model server speaking KServe v1 or the v2 Open Inference Protocol (shapes from the protocol's
 * specification: /v2/models/NAME declares inputs with name, datatype and shape), when a step asks it for
 * predictions, then the request is the one the model declares and the answer comes back one prediction a row.
 */
class InferenceEndpointTest {
  WireMockServer server;
  StepHttp http;
  StepLog log = new StepLog("kserve-test", LogFormat.text, false, new PrintStream(new ByteArrayOutputStream()));

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    http = new StepHttp(TlsTrust.verified(null, null), Optional.empty(), RetryPolicy.NONE, Duration.ofSeconds(10),
        log);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aV2RequestTakesTheInputNameDatatypeAndShapeTheModelDeclares() {
    server.stubFor(get(urlEqualTo("/v2/models/fraud")).willReturn(okJson("""
        {"name": "fraud", "platform": "sklearn", "inputs": [{"name": "float_input", "datatype": "FP32",
         "shape": [-1, 2]}], "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}""")));
    server.stubFor(post(urlEqualTo("/v2/models/fraud/infer"))
        .withRequestBody(equalToJson("""
            {"inputs": [{"name": "float_input", "datatype": "FP32", "shape": [2, 2], "data": [0.1, 1.0, 2.5, 3.0]}]}"""))
        .willReturn(okJson("""
            {"model_name": "fraud", "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2, 2],
             "data": [0.9, 0.1, 0.2, 0.8]}]}""")));

    InferenceEndpoint endpoint = InferenceEndpoint.open(URI.create(server.baseUrl()), "fraud", Protocol.v2, http, log);
    assertThat(endpoint.describe()).contains(new ModelInput("float_input", "FP32", List.of(2L)));
    InferenceEndpoint.Prediction answer = endpoint.predict(List.of(row(0.1, 1.0), row(2.5, 3.0)));

    assertThat(answer.problem()).isNull();
    assertThat(answer.perRow()).hasSize(2);
    assertThat(answer.perRow().get(1).get(1).asDouble()).isEqualTo(0.8);
    server.verify(1, postRequestedFor(urlEqualTo("/v2/models/fraud/infer")));
  }

  @Test
  void aModelThatDeclaresNothingGetsTheProtocolDefaultsAndLosesNoPrecision() {
    server.stubFor(get(urlEqualTo("/v2/models/fraud")).willReturn(notFound()));
    server.stubFor(post(urlEqualTo("/v2/models/fraud/infer"))
        .withRequestBody(equalToJson("""
            {"inputs": [{"name": "input-0", "datatype": "FP64", "shape": [1, 2], "data": [0.1, 1.5]}]}"""))
        .willReturn(okJson("""
            {"outputs": [{"name": "output-0", "datatype": "INT64", "shape": [1], "data": [1]}]}""")));

    InferenceEndpoint endpoint = InferenceEndpoint.open(URI.create(server.baseUrl()), "fraud", Protocol.v2, http, log);
    assertThat(endpoint.describe()).isEmpty();

    assertThat(endpoint.predict(List.of(row(0.1, 1.5))).perRow()).extracting(n -> n.asInt()).containsExactly(1);
  }

  @Test
  void aSampleOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
    server.stubFor(get(urlEqualTo("/v2/models/iris")).willReturn(okJson("""
        {"name": "iris", "inputs": [{"name": "input-0", "datatype": "FP64", "shape": [-1, 4]}]}""")));

    InferenceEndpoint endpoint = InferenceEndpoint.open(URI.create(server.baseUrl()), "iris", Protocol.v2, http, log);

    assertThat(endpoint.mismatch(3)).hasValueSatisfying(m -> assertThat(m).contains("3 feature(s)")
        .contains("declares 4"));
    assertThat(endpoint.mismatch(4)).isEmpty();
    server.verify(0, postRequestedFor(urlEqualTo("/v2/models/iris/infer")));
  }

  @Test
  void autoSpeaksV1ToAServerWithoutTheV2HealthEndpoint() {
    server.stubFor(get(urlEqualTo("/v2/health/ready")).willReturn(notFound()));
    server.stubFor(post(urlEqualTo("/v1/models/iris:predict"))
        .withRequestBody(equalToJson("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}"))
        .willReturn(okJson("{\"predictions\": [0]}")));

    InferenceEndpoint endpoint = InferenceEndpoint.open(URI.create(server.baseUrl()), "iris", Protocol.auto, http,
        log);

    assertThat(endpoint.protocol()).isEqualTo(Protocol.v1);
    assertThat(endpoint.predict(List.of(row(5.1, 3.5, 1.4, 0.2))).perRow()).extracting(n -> n.asInt())
        .containsExactly(0);
  }

  @Test
  void anAnswerWithAPredictionMissingIsAProblemNotAPrediction() {
    server.stubFor(post(urlEqualTo("/v1/models/iris:predict")).willReturn(okJson("{\"predictions\": [0]}")));

    InferenceEndpoint endpoint = InferenceEndpoint.open(URI.create(server.baseUrl()), "iris", Protocol.v1, http, log);
    InferenceEndpoint.Prediction answer = endpoint.predict(List.of(row(1, 2), row(3, 4)));

    assertThat(answer.ok()).isFalse();
    assertThat(answer.problem()).contains("2 row(s) sent").contains("1 prediction(s)");
  }

  @Test
  void aModelServedUnderTheDefaultNameFailsTheNameCheck() {
    server.stubFor(get(urlEqualTo("/v2/health/ready")).willReturn(ok()));
    server.stubFor(get(urlEqualTo("/v2/models/fraud/ready")).willReturn(notFound()));
    server.stubFor(get(urlEqualTo("/v2/models/model/ready")).willReturn(ok()));

    List<Finding> serving = InferenceEndpoint.open(URI.create(server.baseUrl()), "fraud", Protocol.v2, http, log)
        .serving();

    assertThat(serving).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("endpoint/name");
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.message()).contains("default name \"model\" instead of \"fraud\"");
    });
  }

  private static ArrayNode row(double... values) {
    ArrayNode row = JsonNodeFactory.instance.arrayNode();
    for (double v : values) {
      row.add(v);
    }
    return row;
  }
}
