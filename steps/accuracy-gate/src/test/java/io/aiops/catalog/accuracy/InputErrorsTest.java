package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: exit 2 naming the file and line; a feature-schema mismatch: exit 3 before anything is scored. */
@QuarkusMainTest
class InputErrorsTest {
  @TempDir Path dir;

  @Test
  void aMissingLabelColumnListsTheColumnsThereAre(QuarkusMainLauncher launcher) {
    LaunchResult run = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "class",
        "--prediction-column", "prediction");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("no column 'class' (given by --label-column)")
        .contains("[V1, V2, V3, Amount, region, Class, prediction, score]");
  }

  @Test
  void anEmptyFileIsAUsageError(QuarkusMainLauncher launcher) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    LaunchResult run = launcher.launch("--data", empty.toString(), "--label-column", "Class",
        "--prediction-column", "prediction");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("empty.csv is empty");

    Path headerOnly = Files.writeString(dir.resolve("header.csv"), "Class,prediction\n");
    LaunchResult noRows = launcher.launch("--data", headerOnly.toString(), "--label-column", "Class",
        "--prediction-column", "prediction");
    assertThat(noRows.exitCode()).isEqualTo(2);
    assertThat(noRows.getErrorOutput()).contains("no rows to score");
  }

  @Test
  void aNonNumericScoreNamesTheLine(QuarkusMainLauncher launcher) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "Class,score\n0,0.1\n1,0.9\n0,high\n");
    LaunchResult run = launcher.launch("--data", bad.toString(), "--label-column", "Class",
        "--score-column", "score", "--results-dir", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("bad.csv line 4: score column 'score' holds 'high', not a number");
    assertThat(dir.resolve("verdict")).doesNotExist();
  }

  @Test
  void trainAndWrapperDisagreeingOnTheFeatureOrderFailsBeforeScoring(QuarkusMainLauncher launcher)
      throws IOException {
    // the demo's Train cell fitted on V1,V2,V3,Amount; the Wrapper cell builds V1,V3,V2,Amount
    Path metadata = Files.writeString(dir.resolve("model-metadata.json"),
        "{\"features\": [\"V1\", \"V3\", \"V2\", \"Amount\"]}");
    LaunchResult run = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--score-column", "score", "--ignore-columns", "region",
        "--model-metadata", metadata.toString(), "--results-dir", dir.toString(), "--threshold", "recall >= 0.5");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.getErrorOutput()).contains("feature schema mismatch")
        .contains("position 2 is 'V2' in the data, 'V3' for the model").contains("nothing was scored");
    assertThat(dir.resolve("verdict")).hasContent("FAIL");
    assertThat(dir.resolve("failed-clauses")).content().contains("feature schema mismatch");
    assertThat(dir.resolve("rows")).doesNotExist();

    LaunchResult missing = launcher.launch("--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--features", "V1,V2,V3,V4,Amount");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.getErrorOutput()).contains("missing from the data: [V4]")
        .contains("in the data but not in the model's features: [region, score]");
  }

  @Test
  void predictionsInASecondFileMustHaveAsManyRows(QuarkusMainLauncher launcher) throws IOException {
    Path data = Files.writeString(dir.resolve("data.jsonl"),
        "{\"x\": 1.5, \"label\": \"1\"}\n{\"x\": 0.5, \"label\": 0}\n{\"x\": 0.2, \"label\": 0}\n");
    Path preds = Files.writeString(dir.resolve("preds.csv"), "p\n1\n1\n");
    LaunchResult run = launcher.launch("--data", data.toString(), "--label-column", "label",
        "--predictions", preds.toString(), "--prediction-column", "p", "--format", "auto");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.getErrorOutput()).contains("preds.csv has fewer rows than");

    Files.writeString(preds, "p\n1.0\n1\n0\n");
    LaunchResult ok = launcher.launch("--data", data.toString(), "--label-column", "label",
        "--predictions", preds.toString(), "--prediction-column", "p", "--results-dir", dir.toString(),
        "--threshold", "recall == 1.0 && precision == 0.5");
    assertThat(ok.exitCode()).as(ok.getErrorOutput()).isZero();
    assertThat(dir.resolve("accuracy")).hasContent("0.666667");
  }
}
