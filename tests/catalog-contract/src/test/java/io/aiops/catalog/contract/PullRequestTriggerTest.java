package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
  void aPullRequestFromABranchOfTheRepositoryRunsOnNewOrUpdatedHeadCommitsOnly() throws Exception {
    assertThat(passes(payload("pull-request-opened.json"))).isTrue();
    assertThat(passes(payload("pull-request-synchronize.json"))).isTrue();
    assertThat(passes(with(payload("pull-request-opened.json"), "action", "reopened"))).isTrue();
    assertThat(passes(payload("pull-request-closed.json"))).isFalse();
    assertThat(passes(payload("pull-request-labeled.json"))).isFalse();
  }

  @Test
  void aPullRequestFromAForkDoesNotRunUntilAMaintainerLabelsItOkToTest() throws Exception {
    Map<String, Object> opened = payload("pull-request-fork-opened.json");
    assertThat(passes(opened)).as("fork, no label").isFalse();
    assertThat(passes(with(opened, "action", "synchronize"))).as("fork pushes again, no label").isFalse();
    assertThat(passes(with(opened, "action", "reopened"))).isFalse();

    Map<String, Object> labeled = payload("pull-request-fork-labeled-ok-to-test.json");
    assertThat(passes(labeled)).as("a maintainer adds ok-to-test").isTrue();
    Map<String, Object> other = with(labeled, "label", Map.of("name", "enhancement"));
    assertThat(passes(other)).as("another label added while ok-to-test is on: no second run").isFalse();
    assertThat(passes(with(labeled, "action", "unlabeled"))).isFalse();
    assertThat(passes(with(labeled, "action", "closed"))).isFalse();
  }

  @Test
  void aForkRunsOnLaterPushesOnlyWhileTheLabelIsStillOn() throws Exception {
    Map<String, Object> pushed = payload("pull-request-fork-synchronize-ok-to-test.json");
    assertThat(passes(pushed)).as("the label stayed on: the documented risk").isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> pr = new HashMap<>((Map<String, Object>) pushed.get("pull_request"));
    pr.put("labels", List.of(Map.of("name", "enhancement")));
    assertThat(passes(with(pushed, "pull_request", pr))).as("label removed after the last run").isFalse();
  }

  @Test
  void aPullRequestWhoseForkWasDeletedNeverRuns() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> pr = new HashMap<>((Map<String, Object>) payload("pull-request-fork-labeled-ok-to-test.json")
        .get("pull_request"));
    Map<String, Object> head = new HashMap<>();
    head.put("sha", "9f2c4e1b7d3a58c6e0f41a2b3c4d5e6f7a8b9c0d");
    head.put("repo", null); // what GitHub sends once the fork is gone
    pr.put("head", head);
    assertThat(passes(with(payload("pull-request-fork-labeled-ok-to-test.json"), "pull_request", pr))).isFalse();
  }

  @Test
  void theListenerVerifiesTheWebhookSignatureAndTakesPullRequestEventsOnly() throws Exception {
    JsonNode github = interceptor("github");
    assertThat(github.at("/params/1/value/0").asText()).isEqualTo("pull_request");
    assertThat(github.at("/params/0/value/secretName").asText()).isNotBlank();
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

  /** The EventListener's cel interceptor: cel-go with the strings extension, the payload as a map named body. */
  static final Cel CEL = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addCompilerLibraries(CelExtensions.strings()).addRuntimeLibraries(CelExtensions.strings())
      .addVar("body", SimpleType.DYN).build();

  static boolean passes(Map<String, Object> body) throws Exception {
    String filter = interceptor("cel").at("/params/0/value").asText();
    CelValidationResult compiled = CEL.compile(filter);
    assertThat(compiled.hasError()).as(compiled.getErrorString()).isFalse();
    return Boolean.TRUE.equals(CEL.createProgram(compiled.getAst()).eval(Map.of("body", body)));
  }

  static JsonNode interceptor(String name) throws IOException {
    for (JsonNode interceptor : yaml(TRIGGERS.resolve("eventlistener.yaml")).at("/spec/triggers/0/interceptors")) {
      if (name.equals(interceptor.at("/ref/name").asText())) {
        return interceptor;
      }
    }
    throw new AssertionError("no " + name + " interceptor in eventlistener.yaml");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payload(String file) throws IOException {
    return JSON.readValue(TRIGGERS.resolve("samples/" + file).toFile(), Map.class);
  }

  static Map<String, Object> with(Map<String, Object> payload, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(payload);
    copy.put(key, value);
    return copy;
  }

  static JsonNode yaml(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }
}
