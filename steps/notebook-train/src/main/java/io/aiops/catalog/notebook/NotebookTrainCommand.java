package io.aiops.catalog.notebook;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepVersion;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "notebook-train", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    usageHelpWidth = 110,
    description = {"Runs a training notebook with injected parameters on real Prometheus data and collects the model.",
        "In the notebook-train Task: prepare -> fetch-data -> execute (jupyter nbconvert) -> collect."},
    subcommands = {PrepareCommand.class, FetchDataCommand.class, CollectCommand.class, ExtractCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  notebook-train prepare --notebook=train.ipynb --output=prepared.ipynb --training-hours=168 "
        + "--data-source=prometheus",
        "  notebook-train fetch-data --prometheus-url=https://thanos-querier.openshift-monitoring.svc:9091 "
            + "--preset=anomaly-detector --hours=168 --out=data.csv",
        "  notebook-train collect --notebook=executed.ipynb --model=models/anomaly-detector/model.pkl"})
public class NotebookTrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw StepException.usage("name a subcommand: prepare, fetch-data, collect or extract "
        + "(notebook-train --help lists them)");
  }
}
