package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static io.aiops.catalog.accuracy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure the gate writes, against scikit-learn's sklearn.metrics on the same file, to 1e-9. Needs
 * /usr/bin/python3 with scikit-learn (Debian: apt-get install python3-sklearn).
 */
@QuarkusMainTest
class SklearnCrossCheckIT {
  @TempDir Path out;

  @Test
  void heavilyImbalancedFraudSetWithScoresAndSlices(QuarkusMainLauncher launcher) throws Exception {
    crossCheck(launcher, "fraud-imbalanced.csv", "Class", "prediction", "score", "1", "region");
  }

  @Test
  void modelThatAlwaysAnswersNegative(QuarkusMainLauncher launcher) throws Exception {
    JsonNode gate = crossCheck(launcher, "always-negative.csv", "Class", "prediction", "score", "1", null);
    assertThat(gate.at("/figures/accuracy").asDouble()).isEqualTo(0.996);
    assertThat(gate.at("/figures/recall").asDouble()).isZero();
  }

  @Test
  void multiClassArffWithMacroAndWeightedAverages(QuarkusMainLauncher launcher) throws Exception {
    crossCheck(launcher, "multiclass.arff", "species", "predicted", null, null, null);
  }

  JsonNode crossCheck(QuarkusMainLauncher launcher, String file, String label, String prediction, String score,
      String positive, String slice) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", fixture(file), "--label-column", label,
        "--prediction-column", prediction, "--output-dir", out.toString()));
    if (score != null) {
      args.addAll(List.of("--score-column", score));
    }
    if (positive != null) {
      args.addAll(List.of("--positive-label", positive));
    }
    if (slice != null) {
      args.addAll(List.of("--slice-by", slice));
    }
    LaunchResult run = launcher.launch(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode gate = json(out.resolve("metrics.json"));
    JsonNode sklearn = sklearn(fixture(file), label, prediction, score, positive, slice);

    assertFigures("figures", gate.get("figures"), sklearn.get("figures"));
    assertFigures("trivial.majority", gate.at("/trivial/majority"), sklearn.get("majority"));
    assertFigures("trivial.stratified", gate.at("/trivial/stratified"), sklearn.get("stratified"));
    if (slice != null) {
      sklearn.get("slices").fields().forEachRemaining(e ->
          assertFigures("slice " + e.getKey(), gate.at("/slices/" + e.getKey()), e.getValue()));
    }
    // sklearn orders labels sorted, the gate by first appearance: compare cell by cell through the names
    List<String> gateLabels = new ArrayList<>();
    gate.at("/confusionMatrix/labels").forEach(l -> gateLabels.add(l.asText()));
    List<String> skLabels = new ArrayList<>();
    sklearn.get("labels").forEach(l -> skLabels.add(l.asText()));
    assertThat(gateLabels).containsExactlyInAnyOrderElementsOf(skLabels);
    for (int i = 0; i < skLabels.size(); i++) {
      for (int j = 0; j < skLabels.size(); j++) {
        int gi = gateLabels.indexOf(skLabels.get(i));
        int gj = gateLabels.indexOf(skLabels.get(j));
        assertThat(gate.at("/confusionMatrix/matrix/" + gi + "/" + gj).asLong())
            .as("cell %s/%s", skLabels.get(i), skLabels.get(j))
            .isEqualTo(sklearn.at("/matrix/" + i + "/" + j).asLong());
      }
    }
    return gate;
  }

  static void assertFigures(String what, JsonNode gate, JsonNode sklearn) {
    assertThat(sklearn.size()).as(what + ": sklearn gave figures").isGreaterThan(8);
    for (Map.Entry<String, JsonNode> figure : (Iterable<Map.Entry<String, JsonNode>>) sklearn::fields) {
      JsonNode ours = gate.get(figure.getKey());
      assertThat(ours).as(what + " " + figure.getKey() + " is written").isNotNull();
      assertThat(ours.asDouble()).as(what + " " + figure.getKey())
          .isCloseTo(figure.getValue().asDouble(), within(1e-9));
    }
  }

  static JsonNode sklearn(String file, String label, String prediction, String score, String positive, String slice)
      throws IOException, InterruptedException {
    Path script = Path.of("src/test/resources/sklearn_figures.py").toAbsolutePath();
    Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), file, label, prediction,
        score == null ? "-" : score, positive == null ? "-" : positive, slice == null ? "-" : slice)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as("/usr/bin/python3 with scikit-learn (apt-get install python3-sklearn)")
        .isZero();
    return Fixtures.JSON.readTree(stdout);
  }
}
