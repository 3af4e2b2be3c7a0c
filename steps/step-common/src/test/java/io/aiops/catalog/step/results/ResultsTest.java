package io.aiops.catalog.step.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.StepException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
  enum R implements StepResult {
    @Describe("A small one.")
    SMALL,
    @Describe("A big one.")
    BIG_VALUE
  }

  @TempDir Path dir;

  @Test
  void writesOneFileAResult() {
    new Results(dir, true).put(R.SMALL, 42).put(R.BIG_VALUE, "x").write();

    assertThat(dir.resolve("small")).hasContent("42");
    assertThat(dir.resolve("big-value")).hasContent("x");
  }

  @Test
  void aConstantIsItsResultInKebabCaseWithItsDescription() {
    assertThat(R.BIG_VALUE.resultName()).isEqualTo("big-value");
    assertThat(R.BIG_VALUE.description()).isEqualTo("A big one.");
  }

  @Test
  void refusesMoreThanTektonsLimitAndWritesNothing() throws Exception {
    Results results = new Results(dir, true).put(R.SMALL, "ok").put(R.BIG_VALUE, "x".repeat(Results.LIMIT_BYTES));

    assertThatThrownBy(results::write).isInstanceOf(StepException.class)
        .hasMessageContaining("4096-byte limit").hasMessageContaining("artifacts");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void disabledOutsideTektonWritesNothingButStillChecksTheLimit() throws Exception {
    new Results(dir, false).put(R.SMALL, "ok").write();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThatThrownBy(new Results(dir, false).put(R.BIG_VALUE, "é".repeat(2100))::write)
        .isInstanceOf(StepException.class);
  }

  @Test
  void countsAsTektonDoesTheFramingAndGoEscapingBesideTheValues() {
    // 4000 value bytes fit the raw limit, not the termination message: keys, quotes, types, StartedAt, ExitCode
    Results nearly = new Results(dir, true).put(R.BIG_VALUE, "x".repeat(4000));
    assertThat(nearly.sizeBytes()).isLessThan(Results.LIMIT_BYTES);
    assertThatThrownBy(nearly::write).isInstanceOf(StepException.class).hasMessageContaining("termination message");

    // Go's json.Marshal writes '<' as \u003c: six bytes each
    Results escaped = new Results(dir, true).put(R.BIG_VALUE, "<".repeat(700));
    assertThat(escaped.terminationMessageBytes()).isGreaterThan(6 * 700);
    assertThatThrownBy(escaped::write).isInstanceOf(StepException.class);
  }

  @Test
  void anEarlierStepsResultsInTheDirectoryShareTheBudget() throws Exception {
    Files.writeString(dir.resolve("report-summary"), "y".repeat(3000));

    assertThatThrownBy(new Results(dir, true).put(R.BIG_VALUE, "x".repeat(1000))::write)
        .isInstanceOf(StepException.class).hasMessageContaining("earlier results");
    assertThat(dir.resolve("big-value")).doesNotExist();

    new Results(dir, true).put(R.BIG_VALUE, "x".repeat(500)).write();
    assertThat(dir.resolve("big-value")).hasContent("x".repeat(500));
  }
}
