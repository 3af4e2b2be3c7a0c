package io.aiops.catalog.trustyai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aiops.catalog.step.LogFormat;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.kube.ServiceLocator;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

/**
 * The TrustyAI service is the --service-url given, checked before anything is asked of the cluster, or the one found
 * in the namespace in the field's order (the operator's label, the name, the older app label), against fabric8's
 * mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class TrustyAiLocatorTest {
  static final String NS = "models";
  /** For the cases that must not reach the cluster at all. */
  static final Supplier<KubernetesClient> NO_CLUSTER = () -> {
    throw new AssertionError("the API server was asked");
  };

  KubernetesMockServer server;
  KubernetesClient client;
  ByteArrayOutputStream logged = new ByteArrayOutputStream();
  StepLog log = new StepLog("trustyai-test", LogFormat.text, false, new PrintStream(logged, true));

  @Test
  void aGivenUrlIsUsedAsItIsWithoutAskingTheCluster() {
    assertThat(TrustyAiLocator.locate(" https://trustyai.apps.example.com:443 ", null, null, NO_CLUSTER, log))
        .isEqualTo(URI.create("https://trustyai.apps.example.com:443"));
  }

  @Test
  void aUrlHoldingCredentialsIsRefusedAndTheTokenFileNamed() {
    assertUsage(() -> TrustyAiLocator.locate("https://admin:secret@trustyai.example.com", NS, null, NO_CLUSTER, log))
        .withMessage("--service-url must not hold credentials: give the token with --token-file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @Test
  void whatIsNotAnHttpUrlIsRefusedWithAnExample() {
    for (String bad : new String[] {"trustyai-service:8080", "ftp://trustyai.example.com", "https://"}) {
      assertUsage(() -> TrustyAiLocator.locate(bad, NS, null, NO_CLUSTER, log))
          .withMessageStartingWith("--service-url '" + bad + "' is not a URL like "
              + "https://trustyai-service.my-ns.svc:443");
    }
  }

  @Test
  void withoutUrlOrNamespaceOutsideAPodItSaysWhatToGive() {
    assumeTrue(ServiceLocator.podNamespace().isEmpty(), "outside a pod: no namespace to fall back on");
    assertUsage(() -> TrustyAiLocator.locate(null, " ", null, NO_CLUSTER, log))
        .withMessage("give --service-url, or --namespace to find the TrustyAI service in");
  }

  @Test
  void aRouteLabelThatIsNotKeyEqualsValueIsRefusedBeforeTheClusterIsAsked() {
    assertUsage(() -> TrustyAiLocator.locate(null, NS, "app trustyai", NO_CLUSTER, log))
        .withMessage("--route-label 'app trustyai' is not key=value, e.g. app=trustyai-service");
  }

  @Test
  void theOperatorsLabelComesBeforeTheNameAndTheOldAppLabel() {
    service("trustyai-service", Map.of("app", "trustyai-service"));
    service("tas-operator-managed", Map.of("trustyai-service-name", "trustyai-service"));

    assertThat(TrustyAiLocator.locate(null, NS, null, () -> client, log))
        .isEqualTo(URI.create("https://tas-operator-managed.models.svc:443"));
    assertThat(logged.toString()).contains("found TrustyAI at https://tas-operator-managed.models.svc:443 via Service "
        + "tas-operator-managed (label trustyai-service-name=trustyai-service)");
  }

  @Test
  void aGivenRouteLabelIsTheOnlyLookup() {
    service("trustyai-service", Map.of());
    service("custom", Map.of("team", "fraud"));

    assertThat(TrustyAiLocator.locate(null, NS, "team=fraud", () -> client, log))
        .isEqualTo(URI.create("https://custom.models.svc:443"));
  }

  @Test
  void nothingFoundIsUnavailableNamingEveryLookup() {
    service("someone-else", Map.of("app", "other"));

    assertThatThrownBy(() -> TrustyAiLocator.locate(null, NS, null, () -> client, log))
        .isInstanceOfSatisfying(StepException.class, e -> assertThat(e.exitCode()).isEqualTo(StepExit.UNAVAILABLE))
        .hasMessage("no TrustyAI service found in namespace models (looked for [label "
            + "trustyai-service-name=trustyai-service, name trustyai-service, label app=trustyai-service] among "
            + "Routes and Services): check the namespace, or give --service-url");
  }

  private static ThrowableAssertAlternative<StepException> assertUsage(Runnable call) {
    return assertThatExceptionOfType(StepException.class).isThrownBy(call::run)
        .satisfies(e -> assertThat(e.exitCode()).as("usage").isEqualTo(StepExit.USAGE));
  }

  private void service(String name, Map<String, String> labels) {
    client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withLabels(labels).endMetadata().withNewSpec().addNewPort().withName("https").withPort(443).endPort()
        .endSpec().build()).create();
  }
}
