package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static io.aiops.catalog.accuracy.Fixtures.json;
import static io.aiops.catalog.accuracy.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of accuracy-gate on the fraud-shaped fixtures: exit code, verdict, results and the message. */
@QuarkusMainTest
class AccuracyGateCommandTest {
  @TempDir Path results;
  @TempDir Path out;

  LaunchResult gate(QuarkusMainLauncher launcher, String data, String... extra) {
    List<String> args = new ArrayList<>(List.of("--data", data, "--label-column", "Class",
        "--results-dir", results.toString(), "--output-dir", out.toString()));
    args.addAll(List.of(extra));
    return launcher.launch(args.toArray(String[]::new));
  }

  @Test
  void alwaysNegativeModelPassesOnAccuracyButFailsOnRecallAndSaysWhy(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("always-negative.csv"), "--positive-label", "1",
        "--prediction-column", "prediction", "--threshold", "accuracy >= 0.99 && recall >= 0.8");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("threshold holds: accuracy >= 0.99 (accuracy = 0.996)")
        .contains("recall >= 0.8").contains("recall = 0.0");
    assertThat(results.resolve("verdict")).hasContent("FAIL");
    assertThat(results.resolve("accuracy")).hasContent("0.996");
    assertThat(results.resolve("recall")).hasContent("0.0");
    assertThat(results.resolve("failed-clauses")).hasContent("recall >= 0.8 (recall = 0.0)");
    assertThat(out.resolve("verdict")).hasContent("FAIL\n");
    JsonNode metrics = json(out.resolve("metrics.json"));
    assertThat(metrics.at("/confusionMatrix/matrix").toString()).isEqualTo("[[2988,0],[12,0]]");
    assertThat(read(out.resolve("confusion-matrix.svg"))).startsWith("<svg").contains(">2988</text>");
  }

  @Test
  void theSameModelFailsTheDefaultBarOfBeatingTheTrivialModels(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("always-negative.csv"), "--prediction-column", "prediction",
        "--threshold", "balanced_accuracy > trivial.balanced_accuracy && f1 > trivial.f1");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("balanced_accuracy = 0.5, trivial.balanced_accuracy = 0.5");
    assertThat(results.resolve("verdict")).hasContent("FAIL");
  }

  @Test
  void aUsefulModelPassesAndWritesEveryHeadlineFigure(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), "--positive-label", "1",
        "--prediction-column", "prediction", "--score-column", "score",
        "--threshold", "recall >= 0.8 && roc_auc >= 0.9 && f1 > trivial.f1 && mcc > 0");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(results.resolve("verdict")).hasContent("PASS");
    assertThat(results.resolve("recall")).hasContent("0.875");
    assertThat(results.resolve("precision")).hasContent("0.07");
    assertThat(results.resolve("roc-auc")).hasContent("0.950988");
    assertThat(results.resolve("rows")).hasContent("6000");
    assertThat(results.resolve("failed-clauses")).hasContent("");
    assertThat(results.resolve("metrics-file")).hasContent(out.resolve("metrics.json").toString());
  }

  @Test
  void aTypoInAThresholdIsAUsageErrorWithItsPositionBeforeAnyScoring(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "recal >= 0.8");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("threshold 'recal >= 0.8'").contains("undeclared reference")
        .contains("recal").contains("line 1, column 1");
    assertThat(results.resolve("verdict")).doesNotExist();
    assertThat(out.resolve("metrics.json")).doesNotExist();
  }

  @Test
  void aSyntaxErrorAndANonConditionAreUsageErrors(QuarkusMainLauncher launcher) {
    LaunchResult syntax = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "recall >= 0.8 &&& precision > 0.1");
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.getErrorOutput()).contains("line 1, column 17");

    LaunchResult number = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "recall * 2.0");
    assertThat(number.exitCode()).isEqualTo(2);
    assertThat(number.getErrorOutput()).contains("not a condition");
  }

  @Test
  void aBaselineClauseWithoutABaselineIsAnExplicitNoBaselineVerdict(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "recall >= 0.8 && recall >= baseline.recall - 0.01");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("NO_BASELINE");
    assertThat(results.resolve("verdict")).hasContent("NO_BASELINE");

    LaunchResult first = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "recall >= baseline.recall - 0.01", "--on-missing-baseline", "pass");
    assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
    assertThat(results.resolve("verdict")).hasContent("NO_BASELINE");
  }

  @Test
  void aRegressionAgainstTheProductionModelsMetricsFails(QuarkusMainLauncher launcher, @TempDir Path prod) {
    LaunchResult production = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--output-dir", prod.toString());
    assertThat(production.exitCode()).as(production.getErrorOutput()).isZero();

    LaunchResult run = gate(launcher, fixture("always-negative.csv"), "--prediction-column", "prediction",
        "--baseline-metrics", prod.resolve("metrics.json").toString(),
        "--threshold", "recall >= baseline.recall - 0.01");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("baseline.recall = 0.875").contains("recall = 0.0");
  }

  @Test
  void anOverridePassesAFailingModelAndRecordsWhy(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("always-negative.csv"), "--prediction-column", "prediction",
        "--threshold", "recall >= 0.8", "--override", "label schema changed in PR 42, see JIRA-7");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(results.resolve("verdict")).hasContent("OVERRIDDEN");
    assertThat(results.resolve("override-reason")).hasContent("label schema changed in PR 42, see JIRA-7");
    assertThat(json(out.resolve("metrics.json")).get("overrideReason").asText()).contains("PR 42");
  }

  @Test
  void noThresholdsReportsTheFiguresAndSaysNothingWasGated(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    assertThat(results.resolve("verdict")).hasContent("NO_THRESHOLDS");
    assertThat(run.getErrorOutput()).contains("nothing gated");
  }

  @Test
  void slicesAreJudgedOneByOneAndTheFailingOnesNamed(QuarkusMainLauncher launcher) {
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--slice-by", "region", "--threshold", "slices.all(s, s.recall >= 0.95)");

    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("slice APAC: recall = ").contains("slice EU: recall = ")
        .contains("slice US: recall = ");
    JsonNode slices = json(out.resolve("metrics.json")).get("slices");
    assertThat(slices.fieldNames()).toIterable().containsExactly("APAC", "EU", "US");
    double rows = 0;
    for (JsonNode s : slices) {
      rows += s.get("rows").asDouble();
    }
    assertThat(rows).isEqualTo(6000);
  }

  @Test
  void bootstrapIntervalsAreReproducibleAndGateOnTheLowerBound(QuarkusMainLauncher launcher) throws IOException {
    String[] args = {"--prediction-column", "prediction", "--score-column", "score", "--bootstrap", "200",
        "--threshold", "ci.recall.low >= 0.99"};
    LaunchResult run = gate(launcher, fixture("fraud-imbalanced.csv"), args);
    assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
    JsonNode ci = json(out.resolve("metrics.json")).get("ci");
    assertThat(ci.at("/recall/low").asDouble()).isBetween(0.6, 0.875);
    assertThat(ci.at("/recall/high").asDouble()).isBetween(0.875, 1.0);
    assertThat(ci.at("/roc_auc/low").asDouble()).isLessThan(0.950988).isGreaterThan(0.85);
    String first = ci.toString();

    Files.delete(out.resolve("metrics.json"));
    gate(launcher, fixture("fraud-imbalanced.csv"), args);
    assertThat(json(out.resolve("metrics.json")).get("ci").toString()).isEqualTo(first);
  }

  @Test
  void ciWithoutBootstrapAndAucWithoutScoresAreUsageErrors(QuarkusMainLauncher launcher) {
    LaunchResult ci = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "ci.recall.low >= 0.5");
    assertThat(ci.exitCode()).isEqualTo(2);
    assertThat(ci.getErrorOutput()).contains("--bootstrap");

    LaunchResult auc = gate(launcher, fixture("fraud-imbalanced.csv"), "--prediction-column", "prediction",
        "--threshold", "roc_auc >= 0.9");
    assertThat(auc.exitCode()).isEqualTo(2);
    assertThat(auc.getErrorOutput()).contains("--score-column");
  }
}
