package io.aiops.catalog.contract.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARCHITECTURE.md's module rules hold in this tree, and each rule fails on a tree that breaks it. */
class ModuleRulesTest {
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  @Test
  void theCatalogKeepsItsModuleRules() {
    assertThat(new ModuleRules(ROOT).violations()).isEmpty();
  }

  @Test
  void aStepThatDependsOnAnotherStepIsRefused(@TempDir Path root) throws IOException {
    tree(root);
    pom(root, "steps/b", "b", "a");

    assertThat(new ModuleRules(root).violations())
        .anySatisfy(v -> assertThat(v).startsWith("steps/b/pom.xml: a STEP module may not depend on steps/a"));
  }

  @Test
  void anImportOfAnotherStepsPackageIsRefusedEvenWithoutThePomDependency(@TempDir Path root) throws IOException {
    tree(root);
    source(root, "steps/b", "io.aiops.catalog.b", "B", "import io.aiops.catalog.a.A;\n");

    assertThat(new ModuleRules(root).violations())
        .anySatisfy(v -> assertThat(v).contains("B.java: imports io.aiops.catalog.a.A of steps/a"));
  }

  @Test
  void aLibraryThatDependsOnAStepIsRefused(@TempDir Path root) throws IOException {
    tree(root);
    pom(root, "libs/x", "x", "a");

    assertThat(new ModuleRules(root).violations())
        .anySatisfy(v -> assertThat(v).startsWith("libs/x/pom.xml: a LIB module may not depend on steps/a"));
  }

  @Test
  void domainCodeInStepCommonIsRefusedButACommentMayNameIt(@TempDir Path root) throws IOException {
    tree(root);
    source(root, "steps/step-common", "io.aiops.catalog.step", "Fine", "// reads what TrustyAI sends\n");
    assertThat(new ModuleRules(root).violations()).isEmpty();

    source(root, "steps/step-common", "io.aiops.catalog.step", "Locator", "class InferenceServiceName {}\n");
    assertThat(new ModuleRules(root).violations())
        .containsExactly("steps/step-common/src/main/java/Locator.java: step-common is infrastructure only, but "
            + "names 'InferenceService': move it to its domain library (libs/)");
  }

  @Test
  void aStepMayUseStepCommonAndALibrary(@TempDir Path root) throws IOException {
    tree(root);
    pom(root, "steps/b", "b", "step-common", "x");
    source(root, "steps/b", "io.aiops.catalog.b", "B", "import io.aiops.catalog.x.X;\nimport io.aiops.catalog.step.S;\n");

    assertThat(new ModuleRules(root).violations()).isEmpty();
  }

  /** A small catalog that keeps the rules: step-common, a lib x, steps a and b. */
  static void tree(Path root) throws IOException {
    Files.writeString(root.resolve("pom.xml"), "<project><modules><module>steps/step-common</module>"
        + "<module>libs/x</module><module>steps/a</module><module>steps/b</module></modules></project>");
    pom(root, "steps/step-common", "step-common");
    pom(root, "libs/x", "x", "step-common");
    pom(root, "steps/a", "a", "step-common");
    pom(root, "steps/b", "b", "step-common");
    source(root, "steps/step-common", "io.aiops.catalog.step", "S", "");
    source(root, "libs/x", "io.aiops.catalog.x", "X", "");
    source(root, "steps/a", "io.aiops.catalog.a", "A", "");
    source(root, "steps/b", "io.aiops.catalog.b", "B", "");
  }

  static void pom(Path root, String path, String artifactId, String... dependencies) throws IOException {
    StringBuilder pom = new StringBuilder("<project><parent><artifactId>aiops-catalog</artifactId></parent><artifactId>")
        .append(artifactId).append("</artifactId><dependencies>");
    for (String dependency : dependencies) {
      pom.append("<dependency><groupId>io.aiops.catalog</groupId><artifactId>").append(dependency)
          .append("</artifactId></dependency>");
    }
    Files.createDirectories(root.resolve(path));
    Files.writeString(root.resolve(path).resolve("pom.xml"), pom.append("</dependencies></project>").toString());
  }

  static void source(Path root, String module, String pkg, String name, String body) throws IOException {
    Path dir = root.resolve(module).resolve("src/main/java");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".java"), "package " + pkg + ";\n" + body + "class " + name + "X {}\n");
  }
}
