package io.aiops.catalog.runner;

import io.aiops.catalog.step.StepVersion;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "catalog", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    subcommands = {RunCommand.class, CheckCommand.class, ReadmeCommand.class, ReportCommand.class},
    description = "Runs this catalog's Tekton Pipelines on one machine and reports the runs.")
public class CatalogCommand {}
