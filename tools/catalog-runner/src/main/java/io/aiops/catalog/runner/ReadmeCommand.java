package io.aiops.catalog.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.admission.Admission;
import io.aiops.catalog.runner.readme.ReadmeTables;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "readme", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Generates the Workspaces, Parameters and Results tables of each Task and Pipeline README from",
        "its YAML (descriptions are written once, in the YAML). Without --write, lists the READMEs that are stale."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:current (or written)", "3:a README is stale"})
public class ReadmeCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--write", description = "Rewrite the stale tables.")
  boolean write;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Task or Pipeline folders; default: tekton/ of "
      + "the catalog found above the current directory.")
  List<Path> paths = List.of();

  @Override
  public Integer call() {
    List<Path> roots = paths.isEmpty() ? List.of(RunCommand.findRoot(Path.of("").toAbsolutePath()).resolve("tekton"))
        : paths;
    List<Path> stale = new ArrayList<>();
    for (Path root : roots) {
      for (Path yaml : Admission.yamlUnder(root)) {
        for (JsonNode doc : TektonYaml.trees(yaml)) {
          String kind = doc.path("kind").asText();
          Path readme = yaml.resolveSibling("README.md");
          if ((kind.equals("Task") || kind.equals("Pipeline")) && Files.isRegularFile(readme)
              && !yaml.toString().contains("/samples/")) {
            String text = read(readme);
            String updated = ReadmeTables.update(text, doc.path("spec"));
            if (!updated.equals(text)) {
              stale.add(readme);
              if (write) {
                AtomicFiles.write(readme, updated);
              }
            }
          }
        }
      }
    }
    stale.forEach(r -> spec.commandLine().getOut().println((write ? "wrote " : "stale ") + r));
    return write || stale.isEmpty() ? StepExit.OK : StepExit.CHECK_FAILED;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
