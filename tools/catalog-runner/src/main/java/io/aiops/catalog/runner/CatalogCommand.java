package io.aiops.catalog.runner;

import io.aiops.catalog.runner.status.StatusCommand;
import io.aiops.catalog.step.StepVersion;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "catalog", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    subcommands = {RunCommand.class, CheckCommand.class, ReadmeCommand.class, ReportCommand.class,
        StatusCommand.class},
    description = "Runs this catalog's Tekton Pipelines on one machine and reports the runs; shows what trained when "
        + "on a cluster.")
public class CatalogCommand {}
