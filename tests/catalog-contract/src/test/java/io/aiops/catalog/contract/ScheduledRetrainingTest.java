package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aiops.catalog.runner.yaml.TektonYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The seed's habits with the scheduled retraining: its schedules, windows, memory and label, and the run-now
 * commands of the trigger's README, checked against the shipped objects they name (a renamed param, ConfigMap
 * key or CronJob breaks the documented command, and this test).
 */
class ScheduledRetrainingTest {
  static final Path TRIGGER = Catalog.ROOT.resolve("tekton/triggers/retraining");
  static final Path PIPELINE = Catalog.ROOT.resolve("tekton/pipelines/model-retraining/model-retraining.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String SEED_LABEL = "app.kubernetes.io/part-of";

  @Test
  void schedulesWindowsMemoryAndLabelAreTheSeeds() throws IOException {
    Map<String, JsonNode> cronJobs = new LinkedHashMap<>();
    for (JsonNode c : TektonYaml.trees(TRIGGER.resolve("cronjobs.yaml"))) {
      cronJobs.put(c.at("/metadata/name").asText(), c);
      assertThat(c.at("/metadata/labels").path(SEED_LABEL).asText()).as("oc get cronjobs -l %s=model-training",
          SEED_LABEL).isEqualTo("model-training");
    }
    assertThat(cronJobs.get("anomaly-detector-retraining").at("/spec/schedule").asText())
        .as("weekly").matches("\\d+ \\d+ \\* \\* [0-6]");
    assertThat(cronJobs.get("predictive-analytics-retraining").at("/spec/schedule").asText())
        .as("monthly").matches("\\d+ \\d+ ([1-9]|1\\d|2[0-8]) \\* \\*");

    Map<String, JsonNode> runs = runTemplates();
    assertThat(runs).containsOnlyKeys("anomaly-detector.yaml", "predictive-analytics.yaml");
    assertThat(param(runs.get("anomaly-detector.yaml"), "training-hours")).isEqualTo("168");
    assertThat(param(runs.get("predictive-analytics.yaml"), "training-hours")).isEqualTo("720");
    assertThat(trainMemory(runs.get("anomaly-detector.yaml"))).isEqualTo("8Gi");
    assertThat(trainMemory(runs.get("predictive-analytics.yaml"))).isEqualTo("6Gi");
    for (JsonNode run : runs.values()) {
      assertThat(run.at("/metadata/labels").path(SEED_LABEL).asText()).isEqualTo("model-training");
    }
    // each CronJob creates the template of its own model, which must exist in the ConfigMap
    for (JsonNode c : cronJobs.values()) {
      String file = Path.of(c.at("/spec/jobTemplate/spec/template/spec/containers/0/args/2").asText())
          .getFileName().toString();
      assertThat(runs).containsKey(file);
      assertThat(c.at("/metadata/name").asText()).startsWith(file.replace(".yaml", ""));
    }
  }

  @Test
  void theReadmesRunNowCommandsNameWhatShips() throws IOException {
    String readme = Files.readString(TRIGGER.resolve("README.md"));
    Set<String> cronJobs = new LinkedHashSet<>();
    TektonYaml.trees(TRIGGER.resolve("cronjobs.yaml")).forEach(c -> cronJobs.add(c.at("/metadata/name").asText()));
    Matcher from = Pattern.compile("--from=cronjob/([a-z0-9-]+)").matcher(readme);
    assertThat(from.find()).isTrue();
    assertThat(cronJobs).contains(from.group(1));

    Matcher key = Pattern.compile("jsonpath='\\{\\.data\\.([a-z-]+)\\\\\\.yaml}'").matcher(readme);
    assertThat(key.find()).as("the jsonpath of the template").isTrue();
    assertThat(runTemplates()).containsKey(key.group(1) + ".yaml");

    // the tkn one-liner gives every param of the Pipeline, and only those
    String tkn = readme.substring(readme.indexOf("tkn pipeline start model-retraining"));
    tkn = tkn.substring(0, tkn.indexOf("```"));
    Set<String> given = new LinkedHashSet<>();
    Matcher p = Pattern.compile("-p \"?([a-z0-9-]+)=").matcher(tkn);
    while (p.find()) {
      given.add(p.group(1));
    }
    Set<String> declared = new LinkedHashSet<>();
    YAML.readTree(PIPELINE.toFile()).at("/spec/params").forEach(d -> declared.add(d.get("name").asText()));
    assertThat(given).containsExactlyInAnyOrderElementsOf(declared);
    Set<String> workspaces = new LinkedHashSet<>();
    Matcher w = Pattern.compile("-w name=([a-z-]+),claimName=").matcher(tkn);
    while (w.find()) {
      workspaces.add(w.group(1));
    }
    Set<String> declaredWorkspaces = new LinkedHashSet<>();
    YAML.readTree(PIPELINE.toFile()).at("/spec/workspaces").forEach(d -> declaredWorkspaces.add(d.get("name").asText()));
    assertThat(workspaces).containsExactlyInAnyOrderElementsOf(declaredWorkspaces);
  }

  static Map<String, JsonNode> runTemplates() throws IOException {
    Map<String, JsonNode> runs = new LinkedHashMap<>();
    JsonNode configMap = TektonYaml.trees(TRIGGER.resolve("pipelineruns.yaml")).get(0);
    var fields = configMap.path("data").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      runs.put(e.getKey(), YAML.readTree(e.getValue().asText()));
    }
    return runs;
  }

  static String param(JsonNode run, String name) {
    for (JsonNode p : run.at("/spec/params")) {
      if (name.equals(p.get("name").asText())) {
        return p.get("value").asText();
      }
    }
    return null;
  }

  static String trainMemory(JsonNode run) {
    for (JsonNode s : run.at("/spec/taskRunSpecs")) {
      if ("train".equals(s.get("pipelineTaskName").asText())) {
        assertThat(s.at("/computeResources/requests/memory").asText())
            .isEqualTo(s.at("/computeResources/limits/memory").asText());
        return s.at("/computeResources/limits/memory").asText();
      }
    }
    return null;
  }
}
