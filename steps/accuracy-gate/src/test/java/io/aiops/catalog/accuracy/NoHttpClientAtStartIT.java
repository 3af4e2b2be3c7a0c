package io.aiops.catalog.accuracy;

import static io.aiops.catalog.accuracy.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged step (target/quarkus-app/quarkus-run.jar, its own JVM, -Xlog:class+load) loads no HTTP client when
 * it never calls an API: not for --help, not for a gate on a file. The Kubernetes client is built on its first
 * call (step-common's KubernetesClientProducer); before that, Vert.x and Netty cost every start half a second.
 */
class NoHttpClientAtStartIT {
  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  static final List<String> HTTP_CLIENT_PACKAGES = List.of("io.vertx.", "io.netty.", "java.net.http.",
      "jdk.internal.net.http.", "io.fabric8.kubernetes.client.jdkhttp.", "io.fabric8.kubernetes.client.http.");
  @TempDir Path work;

  @Test
  void helpLoadsNoHttpClient() throws Exception {
    Run help = run("help", "--help");
    assertThat(help.exit()).as(help.stderr()).isZero();
    assertThat(help.loaded()).as("classes loaded").hasSizeGreaterThan(500);
    assertThat(httpClientClasses(help)).isEmpty();
  }

  @Test
  void gateOnAFileLoadsNoHttpClient() throws Exception {
    Run gate = run("gate", "--data", fixture("fraud-imbalanced.csv"), "--label-column", "Class",
        "--prediction-column", "prediction", "--output-dir", work.resolve("out").toString());
    assertThat(gate.exit()).as(gate.stderr()).isZero();
    assertThat(work.resolve("out")).isNotEmptyDirectory();
    assertThat(httpClientClasses(gate)).isEmpty();
  }

  @Test
  void theCountSeesAnHttpClientWhenOneIsLoaded() throws Exception {
    // the same count on a JVM that does use the JDK HttpClient: proves the check can fail
    Path log = work.resolve("jdk-client.log");
    Process p = new ProcessBuilder(javaBin(), "-Xlog:class+load:file=" + log, "-cp", "target/test-classes",
        "io.aiops.catalog.accuracy.NoHttpClientAtStartIT$UsesHttpClient").redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(httpClientClasses(new Run(p.exitValue(), "", loadedClasses(log)))).isNotEmpty();
  }

  /** Main class of the control run above. */
  static final class UsesHttpClient {
    public static void main(String[] args) {
      java.net.http.HttpClient.newHttpClient();
    }
  }

  record Run(int exit, String stderr, List<String> loaded) {}

  private Run run(String name, String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("the packaged step (mvn package runs before failsafe)").exists();
    Path log = work.resolve(name + ".classes");
    List<String> command = new ArrayList<>(List.of(javaBin(), "-Xlog:class+load:file=" + log, "-jar",
        JAR.toString()));
    command.addAll(List.of(args));
    Path stderr = work.resolve(name + ".stderr");
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("step finished").isTrue();
    return new Run(p.exitValue(), Files.readString(stderr), loadedClasses(log));
  }

  /** Class names from -Xlog:class+load lines: "[0.012s][info][class,load] java.lang.Object source: ...". */
  private static List<String> loadedClasses(Path log) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int tag = line.indexOf("[class,load] ");
      if (tag >= 0) {
        String rest = line.substring(tag + "[class,load] ".length());
        int space = rest.indexOf(' ');
        names.add(space < 0 ? rest : rest.substring(0, space));
      }
    }
    return names;
  }

  private static List<String> httpClientClasses(Run run) {
    return run.loaded().stream().filter(c -> HTTP_CLIENT_PACKAGES.stream().anyMatch(c::startsWith)).toList();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
