package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Task step that runs one of our images calls the image's one entrypoint, /opt/step/run, and every step
 * image has it: images/step/run, linked into the step's src/main/jib (Jib copies that tree into the image) and named
 * as the entrypoint in the root POM. The image tests (StepImagesIT) run it inside the images.
 */
class StepEntrypointTest {
  static final String ENTRYPOINT = "/opt/step/run";

  @Test
  void everyStepOfOurImagesCallsTheEntrypoint() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Doc doc : Catalog.docs(Catalog.files())) {
      if (!(doc.model() instanceof Task task)) {
        continue;
      }
      for (Step step : task.getSpec().getSteps()) {
        if (!runsOurImage(task, step)) {
          continue;
        }
        checked++;
        List<String> command = step.getCommand() != null && !step.getCommand().isEmpty() ? step.getCommand()
            : task.getSpec().getStepTemplate() == null ? null : task.getSpec().getStepTemplate().getCommand();
        if (!List.of(ENTRYPOINT).equals(command)) {
          problems.add(doc.file() + " task " + doc.name() + " step " + step.getName() + ": command " + command
              + ", want [" + ENTRYPOINT + "] (the image's entrypoint owns the JVM flags)");
        }
      }
    }
    assertThat(checked).as("steps running our images").isGreaterThanOrEqualTo(8);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyStepImageCarriesTheOneEntrypointScript() throws IOException {
    Path script = Catalog.ROOT.resolve("images/step/run");
    assertThat(Files.isExecutable(script)).as(script + " executable").isTrue();
    List<String> steps = new ArrayList<>();
    try (var dirs = Files.list(Catalog.ROOT.resolve("steps"))) {
      dirs.filter(d -> StepCatalog.byName(d.getFileName().toString()).isPresent()).forEach(d -> {
        steps.add(d.getFileName().toString());
        Path inImage = d.resolve("src/main/jib" + ENTRYPOINT);
        assertThat(Files.isSymbolicLink(inImage)).as(inImage + " links to images/step/run").isTrue();
        try {
          assertThat(inImage.toRealPath()).isEqualTo(script.toRealPath());
        } catch (IOException e) {
          throw new AssertionError(inImage + " does not resolve: " + e.getMessage(), e);
        }
      });
    }
    assertThat(steps).as("step modules, notify included").hasSize(8);
    String pom = Files.readString(Catalog.ROOT.resolve("pom.xml"));
    assertThat(pom).contains("<quarkus.jib.jvm-entrypoint>" + ENTRYPOINT + "</quarkus.jib.jvm-entrypoint>");
  }

  private static boolean runsOurImage(Task task, Step step) {
    String image = step.getImage() != null ? step.getImage()
        : task.getSpec().getStepTemplate() == null ? null : task.getSpec().getStepTemplate().getImage();
    if ("$(params.image)".equals(image)) {
      image = task.getSpec().getParams().stream().filter(p -> "image".equals(p.getName())).findFirst()
          .map(ParamSpec::getDefault).map(d -> d.getStringVal()).orElse(null);
    }
    return StepCatalog.stepName(image).isPresent();
  }
}
