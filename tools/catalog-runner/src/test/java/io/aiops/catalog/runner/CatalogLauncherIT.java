package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code catalog} launcher (tools/catalog-runner/catalog) over the packaged jar: its first good run leaves a
 * class-data archive of this jar on this JDK, the next runs load their classes from it, a failed run leaves none,
 * and without a built jar it says how to build one.
 */
class CatalogLauncherIT {
  static final Path LAUNCHER = Path.of("catalog").toAbsolutePath();
  static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
  static final Path ARCHIVE = APP.resolve("catalog.jsa");

  record Run(int exit, String out, String err) {}

  @TempDir Path work;

  @BeforeEach
  void noArchiveYet() throws IOException {
    Files.deleteIfExists(ARCHIVE);
    Files.deleteIfExists(APP.resolve("catalog.jsa.jdk"));
  }

  private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString());
    pb.command().addAll(List.of(args));
    pb.environment().putAll(env);
    Path out = work.resolve("out-" + System.nanoTime());
    Path err = work.resolve("err-" + System.nanoTime());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theFirstRunWritesTheArchiveAndTheNextOnesLoadTheirClassesFromIt() throws Exception {
    Run first = run(LAUNCHER, Map.of(), "check");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out() + first.err()).as("no archive warnings").doesNotContain("[cds]", "warning");
    assertThat(ARCHIVE).isNotEmptyFile();

    Run next = run(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:class+load"), "--help");
    assertThat(next.exit()).as(next.err()).isZero();
    assertThat(next.out()).containsPattern("io\\.aiops\\.catalog\\.runner\\.\\S+ source: shared objects file");
  }

  @Test
  void aFailedRunLeavesNoArchive() throws Exception {
    Run failed = run(LAUNCHER, Map.of(), "status", "--no-such-option");
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.err()).contains("Unknown option");
    assertThat(ARCHIVE).doesNotExist();
    try (var left = Files.list(APP)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".jsa"));
    }
  }

  @Test
  void withoutTheArchiveItRunsTheSame() throws Exception {
    Run plain = run(LAUNCHER, Map.of("CATALOG_CDS", "off"), "--help");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.out()).contains("status");
    assertThat(ARCHIVE).doesNotExist();
  }

  @Test
  void withoutABuiltJarItSaysHowToBuildOne() throws Exception {
    Path copy = work.resolve("catalog");
    Files.copy(LAUNCHER, copy, StandardCopyOption.COPY_ATTRIBUTES);
    Run missing = run(copy, Map.of(), "status");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("is missing", "./mvnw -B -q package -pl tools/catalog-runner -am");
  }
}
