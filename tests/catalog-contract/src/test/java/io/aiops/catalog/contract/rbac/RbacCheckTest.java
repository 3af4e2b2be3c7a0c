package io.aiops.catalog.contract.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each RBAC rule broken on purpose in a small catalog of its own. */
class RbacCheckTest {
  @TempDir Path root;

  static final String TASK = """
      apiVersion: tekton.dev/v1
      kind: Task
      metadata: {name: model-validate}
      spec:
        steps: [{name: validate, image: x}]
      """;
  static final String RUN = """
      apiVersion: tekton.dev/v1
      kind: TaskRun
      metadata: {generateName: validate-}
      spec:
        taskRef: {name: model-validate}
        serviceAccountName: validator
      """;

  static String rbac(String verbs, String bindingExtra) {
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: validator}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: validator}
        rules:
          - apiGroups: [serving.kserve.io]
            resources: [inferenceservices]
            verbs: [%s]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: validator}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: validator}
        subjects:
          - kind: ServiceAccount
            name: validator
        %s""".formatted(verbs, bindingExtra);
  }

  @BeforeEach
  void aStepWithRecordedRequests() throws IOException {
    Path step = Files.createDirectories(root.resolve("steps/model-validate/target/api-requests"));
    Files.writeString(root.resolve("steps/model-validate/pom.xml"), "<artifactId>quarkus-kubernetes-client</artifactId>");
    Files.writeString(step.resolve("Story.jsonl"), """
        {"step":"model-validate","mode":"validate","test":"Story#a","method":"GET","path":"/apis/serving.kserve.io/v1beta1/namespaces/m/inferenceservices/iris","query":""}
        {"step":"model-validate","mode":"validate","test":"Story#a","method":"GET","path":"/apis/serving.kserve.io/v1beta1/namespaces/m/inferenceservices","query":"fieldSelector=metadata.name%3Diris&watch=true"}
        {"step":"model-validate","mode":"validate","test":"Story#a","method":"GET","path":"/apis","query":""}
        """);
    Files.createDirectories(root.resolve("tekton/tasks/model-validate"));
    Files.writeString(root.resolve("tekton/tasks/model-validate/model-validate.yaml"), TASK);
    Files.writeString(root.resolve("tekton/tasks/model-validate/run.yaml"), RUN);
  }

  List<String> problems(String rbac) throws IOException {
    Files.writeString(root.resolve("tekton/tasks/model-validate/rbac.yaml"), rbac);
    return RbacCheck.problems(ShippedYaml.under(root.resolve("tekton")), Recordings.of(root));
  }

  @Test
  void exactlyTheRecordedVerbsPass() throws IOException {
    assertThat(problems(rbac("get, watch", ""))).isEmpty();
  }

  @Test
  void aRecordedRequestThatIsNotGrantedFails() throws IOException {
    assertThat(problems(rbac("get", ""))).singleElement().asString()
        .contains("runs as validator, which may not watch serving.kserve.io/inferenceservices")
        .contains("Story#a");
  }

  @Test
  void aGrantedVerbNoStoryUsesFails() throws IOException {
    assertThat(problems(rbac("get, watch, delete", ""))).singleElement().asString()
        .contains("granted delete serving.kserve.io/inferenceservices").contains("remove it");
  }

  @Test
  void aClusterRoleBindingForNamespacedRequestsFails() throws IOException {
    String rbac = rbac("get, watch", "").replace("kind: Role\n", "kind: ClusterRole\n")
        .replace("kind: RoleBinding", "kind: ClusterRoleBinding").replace("kind: Role,", "kind: ClusterRole,");
    assertThat(problems(rbac)).isNotEmpty().allSatisfy(p -> assertThat(p).contains("bind it with a RoleBinding"));
  }

  @Test
  void aRunWithoutAServiceAccountFails() throws IOException {
    Files.writeString(root.resolve("tekton/tasks/model-validate/run.yaml"),
        RUN.replace("  serviceAccountName: validator\n", ""));
    assertThat(problems(rbac("get, watch", ""))).anySatisfy(p -> assertThat(p).contains("names no ServiceAccount"));
  }

  @Test
  void aHardCodedSubjectNamespaceFails() throws IOException {
    assertThat(problems(rbac("get, watch", "    namespace: my-models\n"))).singleElement().asString()
        .contains("hard-codes the subject namespace my-models");
  }

  @Test
  void anAbsentRecordingFailsWithTheCommandThatMakesIt() throws IOException {
    Files.delete(root.resolve("steps/model-validate/target/api-requests/Story.jsonl"));
    assertThat(problems(rbac("get, watch", ""))).anySatisfy(p -> assertThat(p)
        .contains("no API request recording for model-validate")
        .contains("./mvnw -B verify -pl steps/model-validate -am"));
  }

  @Test
  void anEventListenerOnAnAccountWithoutTheTriggersRolesFails() throws IOException {
    Files.writeString(root.resolve("tekton/tasks/model-validate/el.yaml"), """
        apiVersion: triggers.tekton.dev/v1beta1
        kind: EventListener
        metadata: {name: pr}
        spec: {serviceAccountName: pipeline}
        """);
    assertThat(problems(rbac("get, watch", ""))).singleElement().asString()
        .contains("EventListener pr runs as pipeline");
  }
}
