package io.aiops.catalog.kserve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given InferenceServices as KServe 0.13 writes them (spec and status), when a step reads one from the API server,
 * then it knows whether it is ready, which predictor serves it and where.
 */
@EnableKubernetesMockClient(crud = true)
class InferenceServiceTest {
  KubernetesClient client;

  static final String READY = """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata: {name: fraud, namespace: models}
      spec:
        predictor:
          minReplicas: 1
          model:
            modelFormat: {name: sklearn}
            protocolVersion: v2
            runtime: kserve-mlserver
            storageUri: s3://models/fraud/v3
      status:
        address: {url: "http://fraud-predictor.models.svc.cluster.local"}
        url: https://fraud-models.apps.example.com
        components:
          predictor: {latestReadyRevision: fraud-predictor-00003}
        conditions:
          - {type: IngressReady, status: "True"}
          - {type: PredictorReady, status: "True"}
          - {type: Ready, status: "True"}
        modelStatus:
          transitionStatus: UpToDate
          states: {activeModelState: Loaded, targetModelState: Loaded}
      """;

  @Test
  void aReadyServiceIsSettledAndNamesItsPredictor() {
    store(READY);

    InferenceService isvc = new InferenceService(InferenceServices.named(client, "models", "fraud").get());

    assertThat(isvc.settled()).isTrue();
    assertThat(isvc.mode()).isEqualTo("Serverless");
    assertThat(isvc.protocol()).contains(Protocol.v2);
    assertThat(isvc.runtime()).contains("kserve-mlserver");
    assertThat(isvc.modelFormat()).contains("sklearn");
    assertThat(isvc.storageUri()).contains("s3://models/fraud/v3");
    assertThat(isvc.latestReadyRevision()).contains("fraud-predictor-00003");
    assertThat(isvc.url()).contains("http://fraud-predictor.models.svc.cluster.local");
    assertThat(isvc.predictorPodSelector()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "serving.kserve.io/inferenceservice", "fraud", "component", "predictor"));
  }

  @Test
  void aFailedLoadIsSettledBecauseWaitingCannotHelp() {
    store("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: fraud, namespace: models}
        spec:
          predictor:
            sklearn: {storageUri: "gs://bucket/missing"}
        status:
          conditions:
            - {type: PredictorReady, status: "False", reason: RevisionFailed, message: model not found}
            - {type: Ready, status: "False"}
          modelStatus:
            transitionStatus: BlockedByFailedLoad
            lastFailureInfo: {reason: ModelLoadFailed, message: "no model at gs://bucket/missing"}
        """);

    InferenceService isvc = new InferenceService(InferenceServices.named(client, "models", "fraud").get());

    assertThat(isvc.settled()).isTrue();
    assertThat(isvc.condition("PredictorReady")).hasValueSatisfying(c -> {
      assertThat(c.isTrue()).isFalse();
      assertThat(c.describe()).isEqualTo("False (RevisionFailed: model not found)");
    });
    assertThat(isvc.condition("IngressReady")).isEmpty();
    assertThat(isvc.failureMessage()).contains("no model at gs://bucket/missing");
    assertThat(isvc.storageUri()).contains("gs://bucket/missing");
    assertThat(isvc.modelFormat()).contains("sklearn");
    assertThat(isvc.protocol()).isEmpty();
  }

  @Test
  void aModelMeshServiceSpeaksV2ThroughItsRestProxyAndNeedsNoIngress() {
    store("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: iris
          namespace: models
          annotations: {serving.kserve.io/deploymentMode: ModelMesh}
        spec:
          predictor:
            model: {modelFormat: {name: sklearn}, runtime: mlserver-1.x, storageUri: "s3://models/iris"}
        status:
          address: {url: "grpc://modelmesh-serving.models:8033"}
          components:
            predictor: {restUrl: "http://modelmesh-serving.models:8008", grpcUrl: "grpc://modelmesh-serving.models:8033"}
          conditions:
            - {type: PredictorReady, status: "True"}
            - {type: Ready, status: "True"}
        """);

    InferenceService isvc = new InferenceService(InferenceServices.named(client, "models", "iris").get());

    assertThat(isvc.modelMesh()).isTrue();
    assertThat(isvc.requiredConditions()).containsExactly("Ready", "PredictorReady");
    assertThat(isvc.settled()).isTrue();
    assertThat(isvc.protocol()).contains(Protocol.v2);
    assertThat(isvc.url()).contains("http://modelmesh-serving.models:8008");
    assertThat(isvc.predictorPodSelector()).containsEntry("name", "modelmesh-serving-mlserver-1.x");
  }

  @Test
  void aServiceStillRollingOutIsNotSettled() {
    store(READY.replace("{type: Ready, status: \"True\"}", "{type: Ready, status: \"False\"}")
        .replace("transitionStatus: UpToDate", "transitionStatus: InProgress"));

    InferenceService isvc = new InferenceService(InferenceServices.named(client, "models", "fraud").get());

    assertThat(isvc.settled()).isFalse();
    assertThat(isvc.transitionStatus()).contains("InProgress");
  }

  private void store(String yaml) {
    GenericKubernetesResource isvc = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    InferenceServices.in(client).inNamespace(isvc.getMetadata().getNamespace()).resource(isvc).create();
  }
}
