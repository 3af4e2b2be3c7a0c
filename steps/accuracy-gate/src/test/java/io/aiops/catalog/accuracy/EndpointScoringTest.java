package io.aiops.catalog.accuracy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a model server speaking KServe v1 or v2 (request and answer shapes from the KServe open inference protocol
 * documentation), when the gate scores through it in batches, then every row is scored once, in order.
 */
@QuarkusMainTest
class EndpointScoringTest {
  WireMockServer model;
  @TempDir Path dir;
  Path data;

  @BeforeEach
  void start() throws IOException {
    model = new WireMockServer(options().dynamicPort());
    model.start();
    data = Files.writeString(dir.resolve("test.jsonl"), """
        {"id": 1, "V1": 0.1, "V2": 1.0, "Class": 0}
        {"id": 2, "V1": 2.5, "V2": 3.0, "Class": 1}
        {"id": 3, "V1": 0.2, "V2": 0.5, "Class": 0}
        {"id": 4, "V1": 1.9, "V2": 2.2, "Class": 1}
        {"id": 5, "V1": 0.3, "V2": 0.1, "Class": 0}
        """);
  }

  @AfterEach
  void stop() {
    model.stop();
  }

  @Test
  void v2ProbabilitiesInBatchesGiveLabelsAndScores(QuarkusMainLauncher launcher) {
    String path = "/v2/models/fraud/infer";
    stubV2(path, "[0.1,1.0,2.5,3.0]", 2, "[0.9,0.1,0.2,0.8]");
    stubV2(path, "[0.2,0.5,1.9,2.2]", 2, "[0.8,0.2,0.7,0.3]");
    stubV2(path, "[0.3,0.1]", 1, "[0.95,0.05]");

    LaunchResult run = launcher.launch("--data", data.toString(), "--label-column", "Class",
        "--ignore-columns", "id", "--features", "V1,V2", "--endpoint", model.baseUrl(), "--model-name", "fraud",
        "--batch-size", "2", "--concurrency", "2", "--results-dir", dir.toString(),
        "--threshold", "recall >= 0.5 && roc_auc == 1.0");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(dir.resolve("recall")).hasContent("0.5");
    assertThat(dir.resolve("precision")).hasContent("1.0");
    assertThat(dir.resolve("roc-auc")).hasContent("1.0");
    assertThat(dir.resolve("rows")).hasContent("5");
    model.verify(3, postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void v1LabelsAndAServerErrorIsExit4(QuarkusMainLauncher launcher) {
    String path = "/v1/models/fraud:predict";
    model.stubFor(post(urlEqualTo(path)).withRequestBody(equalToJson("{\"instances\":[[0.1,1.0],[2.5,3.0],"
        + "[0.2,0.5],[1.9,2.2],[0.3,0.1]]}")).willReturn(okJson("{\"predictions\":[0,1,0,0,0]}")));

    LaunchResult run = launcher.launch("--data", data.toString(), "--label-column", "Class",
        "--ignore-columns", "id", "--endpoint", model.baseUrl(), "--model-name", "fraud", "--protocol", "v1",
        "--results-dir", dir.toString(), "--threshold", "recall >= 0.8");
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("recall = 0.5");

    model.resetAll();
    model.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
    LaunchResult down = launcher.launch("--data", data.toString(), "--label-column", "Class",
        "--ignore-columns", "id", "--endpoint", model.baseUrl(), "--model-name", "fraud", "--protocol", "v1",
        "--http-retries", "0");
    assertThat(down.exitCode()).isEqualTo(4);
    assertThat(down.getErrorOutput()).contains("answered 503");
  }

  void stubV2(String path, String data, int rows, String probabilities) {
    model.stubFor(post(urlEqualTo(path))
        .withRequestBody(equalToJson("{\"inputs\":[{\"name\":\"input-0\",\"datatype\":\"FP64\",\"shape\":[" + rows
            + ",2],\"data\":" + data + "}]}"))
        .willReturn(okJson("{\"model_name\":\"fraud\",\"outputs\":[{\"name\":\"output-0\",\"datatype\":\"FP64\","
            + "\"shape\":[" + rows + ",2],\"data\":" + probabilities + "}]}")));
  }
}
