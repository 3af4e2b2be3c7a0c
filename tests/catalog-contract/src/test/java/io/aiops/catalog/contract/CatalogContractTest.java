package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML under tekton/ keeps the catalog's contract. */
class CatalogContractTest {
  static CatalogChecks checks;

  @BeforeAll
  static void load() {
    checks = Catalog.checks();
  }

  static Stream<Path> files() {
    return Catalog.files().stream();
  }

  static Stream<Doc> docs() {
    return Catalog.docs(Catalog.files()).stream();
  }

  @Test
  void theCatalogHoldsTasksAndPipelines() {
    assertThat(files()).anyMatch(f -> f.toString().contains("/tekton/tasks/"));
    assertThat(docs()).anyMatch(d -> d.kind().equals("Task"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void parsesStrictly(Path file) {
    assertThat(checks.strictParse(file)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void readmeTablesMatchTheYaml(Doc doc) {
    assertThat(checks.readme(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void noScriptInterpolatesParams(Doc doc) {
    assertThat(checks.noScriptInjection(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void argsAndResultsMatchTheStep(Doc doc) {
    assertThat(checks.argsMatchStep(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void imagesArePinned(Doc doc) {
    assertThat(checks.images(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void stepsRunUnderTheRestrictedSccWithResources(Doc doc) {
    assertThat(checks.security(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void catalogMetadataIsComplete(Doc doc) {
    assertThat(checks.metadata(doc)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("docs")
  void pipelinesReferToTasksOfTheCatalog(Doc doc) {
    assertThat(checks.references(doc)).isEmpty();
  }

  @Test
  void tektonLintReportsNoErrors() throws Exception {
    assertThat(TektonLint.installed())
        .as("tekton-lint missing at %s: run the README's test command, which installs it", TektonLint.BIN)
        .isTrue();
    TektonLint.Outcome lint = TektonLint.run(Catalog.ROOT, List.of("tekton/**/*.yaml"));
    assertThat(lint.hasErrors()).as(lint.output()).isFalse();
  }
}
