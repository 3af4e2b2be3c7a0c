package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static io.aiops.catalog.step.testing.ClassesLoaded.HTTP_CLIENT;
import static io.aiops.catalog.step.testing.ClassesLoaded.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.testing.ClassesLoaded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged step (target/quarkus-app/quarkus-run.jar, its own JVM, -Xlog:class+load) loads no HTTP client when
 * it never calls an API: not for --help, not for a gate on a file. The Kubernetes client is built on its first
 * call (step-common's KubernetesClientProducer); before that, Vert.x and Netty cost every start half a second.
 */
class NoHttpClientAtStartIT {
  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  @TempDir Path work;

  @Test
  void helpLoadsNoHttpClientAndNoJsonMapper() throws Exception {
    ClassesLoaded.Run help = ClassesLoaded.run(JAR, work, "help", "--help");
    assertThat(help.exit()).as(help.stderr()).isZero();
    assertThat(help.classes()).as("classes loaded").hasSizeGreaterThan(500);
    assertThat(help.in(HTTP_CLIENT)).isEmpty();
    assertThat(help.in(JSON_MAPPER)).isEmpty();
  }

  @Test
  void gateOnAFileLoadsNoHttpClient() throws Exception {
    ClassesLoaded.Run gate = ClassesLoaded.run(JAR, work, "gate", "--data", fixture("fraud-imbalanced.csv"),
        "--label-column", "Class", "--prediction-column", "prediction", "--output-dir", work.resolve("out").toString());
    assertThat(gate.exit()).as(gate.stderr()).isZero();
    assertThat(work.resolve("out")).isNotEmptyDirectory();
    assertThat(gate.in(HTTP_CLIENT)).isEmpty();
  }

  @Test
  void theCountSeesAnHttpClientWhenOneIsLoaded() throws Exception {
    // the same count on a JVM that does use the JDK HttpClient: proves the check can fail
    ClassesLoaded.Run control = ClassesLoaded.java(work, "jdk-client", List.of("-cp", "target/test-classes",
        "io.aiops.catalog.accuracy.NoHttpClientAtStartIT$UsesHttpClient"));
    assertThat(control.exit()).as(control.stderr()).isZero();
    assertThat(control.in(HTTP_CLIENT)).isNotEmpty();
  }

  /** Main class of the control run above. */
  static final class UsesHttpClient {
    public static void main(String[] args) {
      java.net.http.HttpClient.newHttpClient();
    }
  }
}
