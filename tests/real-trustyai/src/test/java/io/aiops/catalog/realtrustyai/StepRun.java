package io.aiops.catalog.realtrustyai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One step run as a user runs it: {@code java -jar steps/<step>/target/quarkus-app/quarkus-run.jar ...}. */
record StepRun(int exitCode, String output, Path results) {

  static Path jar(String step) {
    Path jar = TrustyAiPeer.ROOT.resolve("steps/" + step + "/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("build the steps first: ./mvnw -B package -pl steps/%s -am -DskipTests", step).exists();
    return jar;
  }

  static StepRun run(Path work, String step, String... args) throws IOException, InterruptedException {
    Path results = Files.createTempDirectory(work, step + "-results");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar(step).toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--results-dir", results.toString()));
    Path log = Files.createTempFile(work, step, ".log");
    Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("%s finished", step).isTrue();
    return new StepRun(p.exitValue(), Files.readString(log), results);
  }

  String result(String name) throws IOException {
    return Files.readString(results.resolve(name)).strip();
  }
}
