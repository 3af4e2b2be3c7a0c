package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pull-request trigger against sample GitHub payloads: the EventListener's CEL filter (evaluated with the CEL
 * library Tekton Triggers' cel interceptor implements), the TriggerBinding's paths, and that the TriggerTemplate and
 * the Pipelines-as-Code run give pr-model-gate every parameter it requires.
 */
class PullRequestTriggerTest {
  static final Path TRIGGERS = Catalog.ROOT.resolve("tekton/triggers/pull-request");
  static final Path PIPELINE = Catalog.ROOT.resolve("tekton/pipelines/pr-model-gate/pr-model-gate.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern BODY = Pattern.compile("^\\$\\(body\\.([A-Za-z0-9_.]+)\\)$");

  @Test
  void onlyOpenedSynchronizedAndReopenedPullRequestsTriggerARun() throws Exception {
    String filter = null;
    for (JsonNode interceptor : yaml(TRIGGERS.resolve("eventlistener.yaml")).at("/spec/triggers/0/interceptors")) {
      if ("github".equals(interceptor.at("/ref/name").asText())) {
        assertThat(interceptor.at("/params/1/value/0").asText()).isEqualTo("pull_request");
        assertThat(interceptor.at("/params/0/value/secretName").asText()).isNotBlank();
      }
      if ("cel".equals(interceptor.at("/ref/name").asText())) {
        filter = interceptor.at("/params/0/value").asText();
      }
    }
    assertThat(filter).isNotNull();
    assertThat(passes(filter, "pull-request-opened.json")).isTrue();
    assertThat(passes(filter, "pull-request-synchronize.json")).isTrue();
    assertThat(passes(filter, "pull-request-closed.json")).isFalse();
    assertThat(passes(filter, "pull-request-labeled.json")).isFalse();
  }

  @Test
  void theBindingTakesTheHeadShaAndCloneUrlFromThePayload() throws Exception {
    JsonNode payload = JSON.readTree(TRIGGERS.resolve("samples/pull-request-synchronize.json").toFile());
    Map<String, String> bound = new HashMap<>();
    for (JsonNode param : yaml(TRIGGERS.resolve("triggerbinding.yaml")).at("/spec/params")) {
      Matcher m = BODY.matcher(param.get("value").asText());
      assertThat(m.matches()).as(param.toString()).isTrue();
      JsonNode value = payload.at("/" + m.group(1).replace('.', '/'));
      assertThat(value.isMissingNode()).as(m.group(1) + " in the payload").isFalse();
      bound.put(param.get("name").asText(), value.asText());
    }
    assertThat(bound).containsEntry("revision", "a10867b14bb761a232cd80139fbd4c0d33264240")
        .containsEntry("repo-url", "https://github.com/hatmarch/fraud_detection_support.git")
        .containsEntry("repo-full-name", "hatmarch/fraud_detection_support");
  }

  @Test
  void theTemplateAndThePacRunGiveThePipelineEveryRequiredParam() throws Exception {
    JsonNode pipeline = yaml(PIPELINE).get("spec");
    Set<String> declared = new HashSet<>();
    Set<String> required = new HashSet<>();
    pipeline.get("params").forEach(p -> {
      declared.add(p.get("name").asText());
      if (!p.has("default")) {
        required.add(p.get("name").asText());
      }
    });
    Set<String> workspaces = new HashSet<>();
    pipeline.get("workspaces").forEach(w -> workspaces.add(w.get("name").asText()));

    JsonNode template = yaml(TRIGGERS.resolve("triggertemplate.yaml")).get("spec");
    Set<String> templateParams = new HashSet<>();
    template.get("params").forEach(p -> templateParams.add(p.get("name").asText()));
    Set<String> bindingParams = new HashSet<>();
    yaml(TRIGGERS.resolve("triggerbinding.yaml")).at("/spec/params")
        .forEach(p -> bindingParams.add(p.get("name").asText()));
    assertThat(bindingParams).isEqualTo(templateParams);

    for (JsonNode run : new JsonNode[] {template.at("/resourcetemplates/0/spec"),
        yaml(TRIGGERS.resolve("pipelines-as-code.yaml")).get("spec")}) {
      assertThat(run.at("/pipelineRef/name").asText()).isEqualTo("pr-model-gate");
      Set<String> given = new HashSet<>();
      run.get("params").forEach(p -> given.add(p.get("name").asText()));
      assertThat(declared).containsAll(given);
      assertThat(given).containsAll(required);
      Set<String> bound = new HashSet<>();
      run.get("workspaces").forEach(w -> bound.add(w.get("name").asText()));
      assertThat(bound).isEqualTo(workspaces);
    }
  }

  static boolean passes(String filter, String payloadFile) throws Exception {
    Cel cel = CelFactory.standardCelBuilder().addVar("body", SimpleType.DYN).build();
    CelValidationResult compiled = cel.compile(filter);
    assertThat(compiled.hasError()).as(compiled.getErrorString()).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(TRIGGERS.resolve("samples/" + payloadFile).toFile(), Map.class);
    return Boolean.TRUE.equals(cel.createProgram(compiled.getAst()).eval(Map.of("body", body)));
  }

  static JsonNode yaml(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }
}
