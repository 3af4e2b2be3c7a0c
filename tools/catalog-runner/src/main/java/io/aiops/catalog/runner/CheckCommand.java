package io.aiops.catalog.runner;

import io.aiops.catalog.runner.admission.Admission;
import io.aiops.catalog.runner.admission.Baseline;
import io.aiops.catalog.runner.admission.Finding;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Checks YAML against what a default cluster admits (the README's baseline): feature-gated fields,",
        "$(...) where nothing is substituted, params reaching scripts, one PVC per TaskRun, restricted-v2, results",
        "budget. Prints FILE:LINE: [rule] why, one a line."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:admitted", "3:a rule failed"})
public class CheckCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories; default: tekton/ of the "
      + "catalog found above the current directory.")
  List<Path> paths = List.of();

  @Override
  public Integer call() {
    Path root = RunCommand.findRoot(Path.of("").toAbsolutePath());
    Set<Path> files = new LinkedHashSet<>();
    (paths.isEmpty() ? List.of(root.resolve("tekton")) : paths).forEach(p -> files.addAll(Admission.yamlUnder(p)));
    List<Finding> findings = Admission.check(root, files);
    findings.forEach(f -> spec.commandLine().getOut().println(f));
    step.log().info("%d files checked against Tekton %s defaults: %d findings", files.size(), Baseline.TEKTON_TAG,
        findings.size());
    return findings.isEmpty() ? StepExit.OK : StepExit.CHECK_FAILED;
  }
}
