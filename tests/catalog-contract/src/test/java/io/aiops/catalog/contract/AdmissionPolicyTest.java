package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accuracy-gate ValidatingAdmissionPolicy's CEL, evaluated with the same CEL library (and the strings extension
 * Kubernetes enables) against sample InferenceServices: what the API server would admit or deny, and why.
 */
class AdmissionPolicyTest {
  static final Path POLICY = Catalog.ROOT.resolve(
      "tekton/pipelines/pr-model-gate/policy/validating-admission-policy.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** What accuracy-gate's --annotate writes (its Annotator.PREFIX), so policy and step cannot drift apart. */
  static final String ANNOTATION_PREFIX = annotationPrefix();
  static final Cel CEL = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addCompilerLibraries(CelExtensions.strings()).addRuntimeLibraries(CelExtensions.strings())
      .addVar("object", SimpleType.DYN).addVar("params", SimpleType.DYN)
      .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN)).build();
  static final Map<String, Object> BARS = Map.of("data", Map.of("min-recall", "0.8", "min-precision", "0.5",
      "note", "keys without min- are ignored"));

  @Test
  void aPassingModelAboveTheBarsIsAdmitted() throws Exception {
    assertThat(denials(isvc(Map.of("verdict", "PASS", "recall", "0.875", "precision", "0.61")), BARS)).isEmpty();
  }

  @Test
  void aModelWithoutAnnotationsIsDeniedWithTheReason() throws Exception {
    assertThat(denials(isvc(null), BARS)).contains("no accuracy-gate verdict on this InferenceService: run the "
        + "accuracy-gate Task with --annotate");
  }

  @Test
  void aPassVerdictBelowTheNamespaceBarIsDeniedNamingTheFigure() throws Exception {
    assertThat(denials(isvc(Map.of("verdict", "PASS", "recall", "0.5", "precision", "0.61")), BARS))
        .containsExactly("accuracy-gate figures missing or below the namespace bars: recall < 0.8");
    assertThat(denials(isvc(Map.of("verdict", "PASS", "recall", "0.9")), BARS))
        .containsExactly("accuracy-gate figures missing or below the namespace bars: precision < 0.5");
  }

  @Test
  void aFigureThatIsNoNumberIsBelowEveryBar() throws Exception {
    assertThat(denials(isvc(Map.of("verdict", "PASS", "recall", "NaN", "precision", "0.61")), BARS))
        .containsExactly("accuracy-gate figures missing or below the namespace bars: recall < 0.8");
  }

  @Test
  void aFailVerdictIsDeniedAndAnOverrideNeedsItsReason() throws Exception {
    assertThat(denials(isvc(Map.of("verdict", "FAIL", "recall", "0.0", "precision", "0.0")), BARS))
        .contains("accuracy-gate verdict is FAIL, not PASS");
    assertThat(denials(isvc(Map.of("verdict", "OVERRIDDEN", "recall", "0.0", "precision", "0.0",
        "override-reason", "label schema changed in PR 42")), BARS)).isEmpty();
    assertThat(denials(isvc(Map.of("verdict", "OVERRIDDEN", "recall", "0.0", "precision", "0.0")), BARS))
        .containsExactly("an OVERRIDDEN verdict needs its override reason recorded in "
            + "accuracy-gate.aiops.io/override-reason");
  }

  @Test
  void thePolicyMatchesOnlyGatedInferenceServices() throws Exception {
    JsonNode spec = policy().get("spec");
    assertThat(spec.at("/matchConstraints/objectSelector/matchLabels/accuracy-gate.aiops.io~1gated").asText())
        .isEqualTo("true");
    assertThat(spec.at("/matchConstraints/resourceRules/0/resources/0").asText()).isEqualTo("inferenceservices");
    assertThat(spec.at("/paramKind/kind").asText()).isEqualTo("ConfigMap");
  }

  static Map<String, Object> isvc(Map<String, String> gate) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "fraud");
    metadata.put("labels", Map.of("accuracy-gate.aiops.io/gated", "true"));
    if (gate != null) {
      Map<String, String> annotations = new HashMap<>();
      gate.forEach((k, v) -> annotations.put(ANNOTATION_PREFIX + k, v));
      metadata.put("annotations", annotations);
    }
    return Map.of("apiVersion", "serving.kserve.io/v1beta1", "kind", "InferenceService", "metadata", metadata);
  }

  /** The messages of the validations that fail, as the API server would report them. */
  static List<String> denials(Map<String, Object> object, Map<String, Object> params) throws Exception {
    JsonNode spec = policy().get("spec");
    Map<String, Object> variables = new HashMap<>();
    Map<String, Object> activation = Map.of("object", object, "params", params, "variables", variables);
    for (JsonNode variable : spec.get("variables")) {
      variables.put(variable.get("name").asText(), eval(variable.get("expression").asText(), activation));
    }
    List<String> denied = new ArrayList<>();
    for (JsonNode validation : spec.get("validations")) {
      if (!Boolean.TRUE.equals(eval(validation.get("expression").asText(), activation))) {
        denied.add(validation.has("messageExpression")
            ? (String) eval(validation.get("messageExpression").asText(), activation)
            : validation.get("message").asText());
      }
    }
    return denied;
  }

  static Object eval(String expression, Map<String, Object> activation) throws Exception {
    CelValidationResult compiled = CEL.compile(expression);
    assertThat(compiled.hasError()).as(expression + ": " + compiled.getErrorString()).isFalse();
    return CEL.createProgram(compiled.getAst()).eval(activation);
  }

  static JsonNode policy() throws IOException {
    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(POLICY.toFile())) {
      return docs.next();
    }
  }

  private static String annotationPrefix() {
    try {
      var field = Class.forName("io.aiops.catalog.accuracy.Annotator").getDeclaredField("PREFIX");
      field.setAccessible(true);
      return (String) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("accuracy-gate's Annotator.PREFIX moved: " + e, e);
    }
  }
}
