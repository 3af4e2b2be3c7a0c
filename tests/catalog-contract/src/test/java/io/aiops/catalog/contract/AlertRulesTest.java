package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.runner.yaml.TektonYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule of tekton/monitoring, proven with Prometheus' own tools: its groups pass {@code promtool check
 * rules} and the rule unit tests (src/test/resources/alerts) under {@code promtool test rules}; the series it reads
 * are ones our steps write, and the dashboard shows them.
 */
class AlertRulesTest {
  static final Path RULE = Catalog.ROOT.resolve("tekton/monitoring/aiops-catalog-alerts.yaml");
  static final Path DASHBOARD = Catalog.ROOT.resolve("tekton/monitoring/grafana-dashboard.json");
  static final String RULES_FILE = "aiops-catalog-alerts.rules.yaml";
  static final Pattern OUR_SERIES = Pattern.compile("\\b(?:gpu_preflight|accuracy_gate|metrics_restore)_[a-z_]+\\b");
  static final Pattern ANY_SERIES = Pattern.compile(
      "\\b(?:(?:gpu_preflight|accuracy_gate|metrics_restore)_[a-z_]+|kube_[a-z_]+|push_time_seconds)\\b");

  record Promtool(int exit, String output) {}

  static JsonNode prometheusRule() {
    List<JsonNode> docs = TektonYaml.trees(RULE);
    assertThat(docs).as(RULE + " holds one document").hasSize(1);
    JsonNode rule = docs.get(0);
    assertThat(rule.path("apiVersion").asText() + "/" + rule.path("kind").asText())
        .isEqualTo("monitoring.coreos.com/v1/PrometheusRule");
    return rule;
  }

  /** The PrometheusRule's spec.groups as a Prometheus rule file, with the unit tests beside it. */
  static Path ruleFiles(JsonNode rule, Path dir) {
    ObjectNode file = TektonYaml.YAML.createObjectNode();
    file.set("groups", rule.path("spec").path("groups"));
    try {
      Files.writeString(dir.resolve(RULES_FILE), TektonYaml.YAML.writeValueAsString(file));
      try (Stream<Path> tests = Files.list(Path.of("src/test/resources/alerts"))) {
        for (Path t : tests.toList()) {
          Files.copy(t, dir.resolve(t.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static Promtool promtool(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Promtool(p.exitValue(), out);
  }

  static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  static String exprs(JsonNode rule) {
    StringBuilder all = new StringBuilder();
    rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> all.append(r.path("expr").asText())
        .append('\n')));
    return all.toString();
  }

  @Test
  void theRuleGroupsPassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    ruleFiles(prometheusRule(), dir);
    Promtool check = promtool(dir, "check", "rules", RULES_FILE);
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 8 rules found");
  }

  @Test
  void theRuleUnitTestsPassUnderPromtoolTestRules(@TempDir Path dir) throws Exception {
    ruleFiles(prometheusRule(), dir);
    Promtool test = promtool(dir, "test", "rules", "aiops-catalog-alerts.test.yaml");
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  /** The unit tests have teeth: a rule whose NO-GO threshold slipped to FAIL only (ERROR ignored) fails them. */
  @Test
  void aRuleThatMissesTheErrorVerdictFailsTheUnitTests(@TempDir Path dir) throws Exception {
    ObjectNode rule = prometheusRule().deepCopy();
    JsonNode noGo = rule.path("spec").path("groups").get(0).path("rules").get(0);
    assertThat(noGo.path("alert").asText()).isEqualTo("GpuPreflightNodeNoGo");
    ((ObjectNode) noGo).put("expr", noGo.path("expr").asText().replace(">= 2", ">= 3"));
    ruleFiles(rule, dir);
    Promtool test = promtool(dir, "test", "rules", "aiops-catalog-alerts.test.yaml");
    assertThat(test.exit()).as(test.output()).isNotZero();
    assertThat(test.output()).contains("alertname: GpuPreflightNodeNoGo").contains("gpu-node-c");
  }

  @Test
  void everyAlertSaysWhatToDoAndHasASeverity() {
    prometheusRule().path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> {
      String alert = r.path("alert").asText();
      assertThat(r.path("labels").path("severity").asText()).as(alert).isIn("warning", "critical");
      assertThat(r.path("annotations").path("summary").asText()).as(alert).isNotBlank();
      assertThat(r.path("annotations").path("description").asText()).as(alert + " says what to do")
          .containsAnyOf("oc ", "re-run", "Re-run", "curl ", "Add it", "retrain");
    }));
  }

  /** Each of our series an alert reads is written by a step's code: a renamed gauge cannot silence an alert. */
  @Test
  void theSeriesTheAlertsReadAreOnesOurStepsPush() throws IOException {
    Set<String> read = matches(OUR_SERIES, exprs(prometheusRule()));
    assertThat(read).contains("gpu_preflight_node_verdict", "gpu_preflight_node_evict", "accuracy_gate_failed",
        "metrics_restore_unrestored");
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(Catalog.ROOT.resolve("steps"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
          .toList()) {
        sources.append(Files.readString(f));
      }
    }
    for (String series : read) {
      assertThat(sources.toString()).as("a step writes " + series).contains("\"" + series);
    }
  }

  @Test
  void theDashboardChartsEverySeriesTheAlertsRead() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    StringBuilder charted = new StringBuilder();
    dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> charted.append(t.path("expr").asText())
        .append('\n')));
    Set<String> read = matches(ANY_SERIES, exprs(prometheusRule()));
    assertThat(matches(ANY_SERIES, charted.toString())).containsAll(read);
  }
}
