package io.aiops.catalog.runner.yaml;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the catalog's YAML files into fabric8 models, by apiVersion and kind. */
public final class TektonYaml {
  public static final ObjectMapper YAML = Json.yaml();

  /** The kinds the catalog may hold, each with its typed model. */
  public static final Map<String, Class<?>> TYPED = Map.ofEntries(
      Map.entry("tekton.dev/v1/Task", io.fabric8.tekton.v1.Task.class),
      Map.entry("tekton.dev/v1/Pipeline", io.fabric8.tekton.v1.Pipeline.class),
      Map.entry("tekton.dev/v1/PipelineRun", io.fabric8.tekton.v1.PipelineRun.class),
      Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
          io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy.class),
      Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
          io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding.class),
      Map.entry("triggers.tekton.dev/v1beta1/EventListener", io.fabric8.tekton.triggers.v1beta1.EventListener.class),
      Map.entry("triggers.tekton.dev/v1beta1/TriggerBinding", io.fabric8.tekton.triggers.v1beta1.TriggerBinding.class),
      Map.entry("triggers.tekton.dev/v1beta1/TriggerTemplate",
          io.fabric8.tekton.triggers.v1beta1.TriggerTemplate.class),
      Map.entry("batch/v1/CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", io.fabric8.kubernetes.api.model.rbac.Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", io.fabric8.kubernetes.api.model.rbac.ClusterRole.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding",
          io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class),
      Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
      Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
      Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class));

  /**
   * Kinds with no typed model, parsed as generic resources by apiVersion only: policy (OPA Gatekeeper) and the
   * alerts' PrometheusRule (its rule groups are checked by promtool in AlertRulesTest).
   */
  public static final List<String> POLICY_API_VERSIONS = List.of("templates.gatekeeper.sh/v1",
      "constraints.gatekeeper.sh/v1beta1", "monitoring.coreos.com/v1");

  private TektonYaml() {}

  public record Doc(Path file, int index, JsonNode tree, Object model) {
    public String kind() {
      return tree.path("kind").asText();
    }

    public String name() {
      return tree.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return file.getFileName() + "#" + index + " (" + kind() + " " + name() + ")";
    }
  }

  public static List<Path> catalogFiles(Path root) {
    try (Stream<Path> files = Files.walk(root.resolve("tekton"))) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.toString().contains("/samples/"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> trees(Path file) {
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      List<JsonNode> docs = new ArrayList<>();
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses one document into its typed model; throws naming what is not allowed. */
  public static Object model(JsonNode tree) {
    String apiVersion = tree.path("apiVersion").asText();
    String key = apiVersion + "/" + tree.path("kind").asText();
    Class<?> type = TYPED.get(key);
    try {
      if (type != null) {
        return Serialization.jsonMapper().treeToValue(tree, type);
      }
      if (POLICY_API_VERSIONS.contains(apiVersion)) {
        return Serialization.jsonMapper().treeToValue(tree, GenericKubernetesResource.class);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(key + " does not parse: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("kind " + key + " is not one the catalog holds (Tekton v1 "
        + "Task/Pipeline/PipelineRun, triggers v1beta1, CronJob, RBAC, admission policy, PrometheusRule)");
  }

  public static List<Doc> docs(Path file) {
    List<Doc> docs = new ArrayList<>();
    List<JsonNode> trees = trees(file);
    for (int i = 0; i < trees.size(); i++) {
      docs.add(new Doc(file, i, trees.get(i), model(trees.get(i))));
    }
    return docs;
  }
}
