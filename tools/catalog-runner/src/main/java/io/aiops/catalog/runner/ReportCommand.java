package io.aiops.catalog.runner;

import io.aiops.catalog.runner.report.HtmlReport;
import io.aiops.catalog.runner.report.RunData;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Writes report.html for a run from its artifacts directory alone (timeline, results, model",
        "figures, confusion matrix, latency histogram); with --compare, two runs side by side."},
    footerHeading = "%nExamples:%n",
    footer = {"  catalog report runs/train-and-gate-20261127-210000",
        "  catalog report runs/a --compare runs/b --figure-tolerance 0.01"})
public class ReportCommand implements Callable<Integer> {
  @Mixin StepOptions step;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The --out directory of a run.")
  Path runDir;

  @Option(names = "--compare", paramLabel = "RUN_DIR", description = "A second run to set beside the first; "
      + "exit 3 when it regressed beyond the tolerances.")
  Path compareWith;

  @Option(names = "--figure-tolerance", defaultValue = "0.01",
      description = "A figure (recall, f1, ...) lower by more than this is a regression. Default: ${DEFAULT-VALUE}.")
  double figureTolerance;

  @Option(names = "--duration-tolerance", defaultValue = "0.5",
      description = "A task slower by more than this fraction is a regression. Default: ${DEFAULT-VALUE}.")
  double durationTolerance;

  @Override
  public Integer call() {
    if (compareWith == null) {
      step.log().info("report: %s", render(runDir, null));
      return StepExit.OK;
    }
    List<String> regressions = new ArrayList<>();
    String html = HtmlReport.compare(RunData.read(runDir), RunData.read(compareWith), figureTolerance,
        durationTolerance, regressions);
    Path out = AtomicFiles.write(compareWith.resolve("compare.html"), html);
    step.log().info("comparison: %s", out.toAbsolutePath());
    regressions.forEach(r -> step.log().warn("regression: %s", r));
    return regressions.isEmpty() ? StepExit.OK : StepExit.CHECK_FAILED;
  }

  static Path render(Path runDir, Path target) {
    Path out = target != null ? target : runDir.resolve("report.html");
    return AtomicFiles.write(out, HtmlReport.single(RunData.read(runDir))).toAbsolutePath();
  }
}
