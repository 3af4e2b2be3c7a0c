package io.aiops.catalog.accuracy.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bars as the admission policy's ConfigMap holds them, read the three ways a run meets them. */
class BarsTest {
  static final List<String> FIGURES = List.of("accuracy", "balanced-accuracy", "precision", "recall", "f1", "mcc",
      "roc-auc", "pr-auc", "rows");

  @Test
  void eachMinKeyIsAClauseOnItsFigureAndOtherKeysAreIgnoredAsThePolicyIgnoresThem() {
    assertThat(Bars.of(Map.of("min-recall", "0.8", "min-balanced-accuracy", " 0.85\n", "min-rows", "1000",
        "note", "not a bar"), "test", FIGURES))
        .containsExactly(Map.entry("min-balanced-accuracy", "balanced_accuracy >= 0.85"),
            Map.entry("min-recall", "recall >= 0.8"), Map.entry("min-rows", "rows >= 1000"));
  }

  @Test
  void aConfigMapMountedAsTektonMountsItIsReadWithoutKubernetesOwnEntries(@TempDir Path dir) throws Exception {
    // what the kubelet writes for a ConfigMap volume: the keys are links into a timestamped ..data directory
    Path data = Files.createDirectory(dir.resolve("..2026_12_02_14_00_00.123"));
    Files.writeString(data.resolve("min-recall"), "0.8");
    Files.writeString(data.resolve("min-precision"), "0.5");
    Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(dir.resolve("min-recall"), Path.of("..data/min-recall"));
    Files.createSymbolicLink(dir.resolve("min-precision"), Path.of("..data/min-precision"));

    assertThat(Bars.read(dir)).containsExactly(Map.entry("min-precision", "0.5"), Map.entry("min-recall", "0.8"));
  }

  @Test
  void aConfigMapManifestOrAPlainMapIsRead(@TempDir Path dir) throws Exception {
    Path manifest = Files.writeString(dir.resolve("params-configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: accuracy-gate-params
        data:
          min-recall: "0.8"
          min-precision: "0.5"
        """);
    Path plain = Files.writeString(dir.resolve("bars.yaml"), "min-recall: 0.75\n");

    assertThat(Bars.read(manifest)).containsEntry("min-recall", "0.8").containsEntry("min-precision", "0.5");
    assertThat(Bars.read(plain)).containsExactly(Map.entry("min-recall", "0.75"));
  }

  @Test
  void anUnknownFigureANonNumberOrAFinerBarThanTheAnnotationsIsAUsageErrorNamingTheKey() {
    assertUsage(Map.of("min-recal", "0.8"), "min-recal names no figure");
    assertUsage(Map.of("min-specificity", "0.8"), "min-specificity names no figure");
    assertUsage(Map.of("min-recall", "eighty"), "min-recall is 'eighty', not a number");
    assertUsage(Map.of("min-recall", "NaN"), "min-recall is 'NaN', not a number");
    assertUsage(Map.of("min-recall", "0.80000001"), "min-recall is 0.80000001, finer than the 6 significant digits");
  }

  @Test
  void aFailedBarIsNamedInItsClause() {
    Thresholds thresholds = Thresholds.parse(List.of("f1 > 0.1"), Bars.of(Map.of("min-recall", "0.8"), "t", FIGURES));
    assertThat(thresholds.clauses()).extracting(Thresholds.Clause::text)
        .containsExactly("min-recall: recall >= 0.8", "f1 > 0.1");
  }

  private static void assertUsage(Map<String, String> data, String message) {
    assertThatThrownBy(() -> Bars.of(data, "ConfigMap dev/accuracy-gate-params", FIGURES))
        .isInstanceOf(StepException.class).hasMessageStartingWith("ConfigMap dev/accuracy-gate-params: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((StepException) e).exitCode()).isEqualTo(StepExit.USAGE));
  }
}
