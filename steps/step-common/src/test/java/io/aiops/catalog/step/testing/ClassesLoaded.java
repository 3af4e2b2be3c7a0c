package io.aiops.catalog.step.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which classes a packaged step loads for one command line: its jar run in a JVM of its own with
 * {@code -Xlog:class+load}, as a user runs it. What start-up does not need (an HTTP client, a JSON mapper) shows
 * up by package.
 */
public final class ClassesLoaded {
  /** A JDK HTTP client, Vert.x or Netty, or fabric8's HTTP layer over them. */
  public static final List<String> HTTP_CLIENT = List.of("io.vertx.", "io.netty.", "java.net.http.",
      "jdk.internal.net.http.", "io.fabric8.kubernetes.client.jdkhttp.", "io.fabric8.kubernetes.client.http.");
  /**
   * Jackson's ObjectMapper and its (de)serializer machinery, some 500 classes to set up. (A handful of tree node
   * types may load without it: the verifier loads those a method's signature names.)
   */
  public static final List<String> JSON_MAPPER = List.of("com.fasterxml.jackson.databind.ObjectMapper",
      "com.fasterxml.jackson.databind.ser.", "com.fasterxml.jackson.databind.deser.",
      "com.fasterxml.jackson.datatype.");

  private ClassesLoaded() {}

  public record Run(int exit, String stderr, List<String> classes) {
    /** The loaded classes in these packages (name prefixes). */
    public List<String> in(List<String> packages) {
      return classes.stream().filter(c -> packages.stream().anyMatch(c::startsWith)).toList();
    }
  }

  /** Runs {@code jar} with {@code args}; logs and stderr go to {@code work} under {@code name}. */
  public static Run run(Path jar, Path work, String name, String... args) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package the step first (mvn package runs before failsafe)");
    }
    List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return java(work, name, command);
  }

  /** Runs {@code java [jvmArgs...]} the same way (e.g. a control main class on a test classpath). */
  public static Run java(Path work, String name, List<String> jvmArgs) throws IOException, InterruptedException {
    Path log = work.resolve(name + ".classes");
    Path stderr = work.resolve(name + ".stderr");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load:file=" + log));
    command.addAll(jvmArgs);
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(stderr), names(log));
  }

  /** Class names from -Xlog:class+load lines: "[0.012s][info][class,load] java.lang.Object source: ...". */
  private static List<String> names(Path log) throws IOException {
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
}
