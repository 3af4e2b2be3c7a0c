package io.aiops.catalog.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a step's image runs on this machine: our step images' entrypoint {@code /opt/step/run} as their built jars
 * ({@code java -jar steps/<step>/target/quarkus-app/quarkus-run.jar}, artifactId = image name), other images by
 * the mapping file (image prefix -> local command, or the step's own command when none is given).
 */
final class LocalImages {
  static final String OURS = "quay.io/aiops-catalog/";
  /** The entrypoint of every step image (it owns the JVM flags); locally, the step's built jar. */
  static final String STEP_ENTRYPOINT = "/opt/step/run";

  /**
   * An image prefix, and either a command replacing the step's or programs renamed in it (python3 ->
   * /usr/bin/python3); for the podman engine, the local image standing in for it (podman).
   */
  record Mapping(String prefix, List<String> command, Map<String, String> programs, String podman) {}

  private final Path catalogRoot;
  private final List<Mapping> mappings;

  LocalImages(Path catalogRoot, List<Mapping> mappings) {
    this.catalogRoot = catalogRoot;
    this.mappings = mappings;
  }

  static LocalImages load(Path catalogRoot, Path file) {
    List<Mapping> mappings = new ArrayList<>();
    if (file != null && Files.isRegularFile(file)) {
      try {
        for (JsonNode m : TektonYaml.YAML.readTree(file.toFile()).path("images")) {
          List<String> command = new ArrayList<>();
          m.path("command").forEach(c -> command.add(c.asText()));
          Map<String, String> programs = new HashMap<>();
          m.path("programs").fields().forEachRemaining(e -> programs.put(e.getKey(), e.getValue().asText()));
          mappings.add(new Mapping(m.path("match").asText(), command, programs,
              m.hasNonNull("podman") ? m.get("podman").asText() : null));
        }
      } catch (IOException e) {
        throw StepException.usage("cannot read image mapping " + file + ": " + e.getMessage());
      }
    }
    return new LocalImages(catalogRoot, mappings);
  }

  /** The local command line for a step: the command to run, then the step's args. */
  List<String> commandLine(String image, List<String> stepCommand, List<String> args) {
    List<String> line = new ArrayList<>();
    if (image.startsWith(OURS)) {
      String name = image.substring(OURS.length()).replaceAll("[:@].*$", "");
      if (!stepCommand.equals(List.of(STEP_ENTRYPOINT))) {
        throw StepException.usage("step image " + image + " runs " + STEP_ENTRYPOINT + ", not " + stepCommand
            + ": set command: [\"" + STEP_ENTRYPOINT + "\"] (in the Task's stepTemplate) and give only args");
      }
      Path jar = catalogRoot.resolve("steps").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(jar)) {
        throw StepException.usage("step image " + image + " has no local build at " + jar + ": run ./mvnw -B "
            + "package -DskipTests -pl steps/" + name + " -am");
      }
      line.addAll(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    } else {
      Mapping mapping = find(image).orElseThrow(() -> StepException.usage("no local command for image " + image
          + ": add it to the image mapping (--images, e.g. images/local-commands.yaml)"));
      List<String> command = new ArrayList<>(mapping.command().isEmpty() ? stepCommand : mapping.command());
      if (!command.isEmpty()) {
        command.set(0, mapping.programs().getOrDefault(command.get(0), command.get(0)));
      }
      line.addAll(command);
    }
    line.addAll(args);
    return line;
  }

  /**
   * The image the podman engine runs: our step images as built by images/build.sh (the local registry in
   * target/images/registry.txt, the digest Jib wrote), other images by their mapping's podman image.
   */
  String podmanImage(String image) {
    if (image.startsWith(OURS)) {
      String name = image.substring(OURS.length()).replaceAll("[:@].*$", "");
      Path digest = catalogRoot.resolve("steps").resolve(name).resolve("target/jib-image.digest");
      Path registry = catalogRoot.resolve("target/images/registry.txt");
      if (!Files.isRegularFile(digest) || !Files.isRegularFile(registry)) {
        throw StepException.usage("step image " + image + " is not built here: run images/build.sh " + name);
      }
      try {
        return Files.readString(registry).trim() + "/aiops-catalog/" + name + "@" + Files.readString(digest).trim();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return find(image).map(Mapping::podman).orElseThrow(() -> StepException.usage("no local image for " + image
        + ": give its mapping a podman image (--images, e.g. images/local-commands.yaml)"));
  }

  private Optional<Mapping> find(String image) {
    return mappings.stream().filter(m -> image.startsWith(m.prefix())).findFirst();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
