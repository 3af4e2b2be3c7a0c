package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.accuracy.AccuracyGateCommand;
import io.aiops.catalog.accuracy.GateResult;
import io.aiops.catalog.step.StepCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bars cannot disagree: for models around each bar of the shipped ConfigMap (below, exactly at, above), the
 * accuracy-gate step run with that ConfigMap as --bars (as pr-model-gate runs it, with no other clause) passes
 * exactly the models the admission policy, given the same ConfigMap and the annotations the step writes, admits.
 */
class BarsAgreementTest {
  static final Path CONFIGMAP = Catalog.ROOT.resolve("tekton/pipelines/pr-model-gate/policy/params-configmap.yaml");

  @Test
  void theGatePassesExactlyTheModelsThePolicyAdmitsWithTheSameConfigMap(@TempDir Path work) throws Exception {
    Map<String, Object> params = Map.of("data", bars());
    assertThat(bars()).as("the shipped bars this test is built around")
        .containsEntry("min-recall", "0.8").containsEntry("min-precision", "0.5")
        .containsEntry("min-balanced-accuracy", "0.85");
    int passed = 0;
    int failed = 0;
    // 10 positives: recall 0.7, 0.8, 0.9; precision just above, at and below 0.5; specificity around 0.9
    for (int tp = 7; tp <= 9; tp++) {
      for (int fp = tp - 1; fp <= tp + 1; fp++) {
        for (int tn : new int[] {9 * fp - 1, 9 * fp, 9 * fp + 10}) {
          String model = "tp=" + tp + " fn=" + (10 - tp) + " fp=" + fp + " tn=" + tn;
          Path dir = Files.createDirectories(work.resolve(model.replace(' ', '_').replace('=', '-')));
          Map<String, String> results = gate(dir, tp, 10 - tp, fp, tn);
          boolean pass = "PASS".equals(results.get("verdict"));
          assertThat(results.get("verdict")).as(model).isIn("PASS", "FAIL");
          Map<String, String> annotations = new HashMap<>();
          annotations.put("verdict", results.get("verdict"));
          for (GateResult figure : GateResult.FIGURES) {
            annotations.put(figure.resultName(), results.get(figure.resultName()));
          }
          List<String> denied = AdmissionPolicyTest.denials(AdmissionPolicyTest.isvc(annotations), params);
          assertThat(denied.isEmpty()).as(model + ": gate " + results.get("verdict") + " " + results
              .get("failed-clauses") + ", policy " + denied).isEqualTo(pass);
          if (pass) {
            passed++;
          } else {
            failed++;
          }
        }
      }
    }
    assertThat(passed).as("models the gate passed").isPositive();
    assertThat(failed).as("models the gate failed").isPositive();
  }

  /** The step itself, in this JVM, on a dataset with this confusion matrix; its Tekton results by name. */
  static Map<String, String> gate(Path dir, int tp, int fn, int fp, int tn) throws Exception {
    StringBuilder csv = new StringBuilder("amount,Class,prediction\n");
    rows(csv, tp, "1", "1");
    rows(csv, fn, "1", "0");
    rows(csv, fp, "0", "1");
    rows(csv, tn, "0", "0");
    Path data = Files.writeString(dir.resolve("test-predictions.csv"), csv);
    Path results = Files.createDirectories(dir.resolve("results"));
    StringWriter err = new StringWriter();
    CommandLine cli = StepCommandLine.configure(new CommandLine(new AccuracyGateCommand()));
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute("--data", data.toString(), "--label-column", "Class", "--positive-label", "1",
        "--prediction-column", "prediction", "--bars", CONFIGMAP.toString(), "--results-dir", results.toString());
    assertThat(exit).as(err.toString()).isIn(0, 3);
    Map<String, String> values = new HashMap<>();
    try (var files = Files.list(results)) {
      for (Path f : files.toList()) {
        values.put(f.getFileName().toString(), Files.readString(f).strip());
      }
    }
    return values;
  }

  private static void rows(StringBuilder csv, int n, String label, String prediction) {
    for (int i = 0; i < n; i++) {
      csv.append(10 + i).append(',').append(label).append(',').append(prediction).append('\n');
    }
  }

  static Map<String, String> bars() throws Exception {
    JsonNode data = AdmissionPolicyTest.YAML.readTree(CONFIGMAP.toFile()).get("data");
    Map<String, String> bars = new HashMap<>();
    data.fields().forEachRemaining(e -> bars.put(e.getKey(), e.getValue().asText()));
    return bars;
  }
}
