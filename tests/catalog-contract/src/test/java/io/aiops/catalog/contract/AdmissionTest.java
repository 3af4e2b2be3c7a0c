package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.admission.AdmissionRules;
import io.aiops.catalog.runner.admission.Finding;
import io.aiops.catalog.runner.admission.Manifest;
import io.aiops.catalog.runner.admission.ResultsBudget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every YAML we ship (Tasks, Pipelines, samples, trigger templates, the runs CronJobs create, PaC files) is what a
 * default cluster admits: the baseline in the README, each rule read from Tekton's source (see Baseline). The
 * broken examples in {@link BrokenAdmissionTest} prove each rule can fail.
 */
class AdmissionTest {
  @Test
  void everyShippedYamlIsAdmittedByTheBaselineCluster() {
    List<Manifest> all = AdmissionRules.load(Catalog.ROOT);
    List<Finding> findings = new AdmissionRules(all).check();
    assertThat(findings).as(String.join("\n", findings.stream().map(Finding::toString).toList())).isEmpty();
  }

  @Test
  void theCheckReadsSamplesTriggersAndTheRunsCronJobsCreate() {
    List<Manifest> all = AdmissionRules.load(Catalog.ROOT);
    assertThat(all).anyMatch(m -> m.file().toString().contains("/samples/") && m.kind().equals("PipelineRun"));
    assertThat(all).anyMatch(m -> m.kind().equals("TriggerTemplate"));
    assertThat(all).anyMatch(m -> m.embeddedIn() != null && m.kind().equals("PipelineRun"));
    assertThat(all).anyMatch(m -> m.file().getFileName().toString().equals("pipelines-as-code.yaml"));
  }

  @Test
  void theResultsBudgetCountsAsTektonsEntrypointWritesIt() {
    Map<String, String> results = new LinkedHashMap<>();
    results.put("verdict", "PASS");
    results.put("failed-clauses", "recall < 0.8 & \"x\"");
    // what Go's json.Marshal of []result.RunResult writes: HTML-safe escapes, StartedAt and ExitCode entries
    String expected = "[{\"key\":\"verdict\",\"value\":\"PASS\",\"type\":1},"
        + "{\"key\":\"failed-clauses\",\"value\":\"recall \\u003c 0.8 \\u0026 \\\"x\\\"\",\"type\":1},"
        + "{\"key\":\"StartedAt\",\"value\":\"2006-01-02T15:04:05.000Z\",\"type\":3},"
        + "{\"key\":\"ExitCode\",\"value\":\"255\",\"type\":3}]";
    assertThat(ResultsBudget.terminationMessageBytes(results)).isEqualTo(expected.length());
  }

  static Path root() {
    return Catalog.ROOT;
  }
}
