package io.aiops.catalog.step;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli set-up every step shares: exit codes in the help, one-line errors for users (the stack trace only
 * with --verbose), and the artifact directory opened before and closed after the command runs.
 */
public final class StepCommandLine
    implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

  private StepCommandLine() {}

  public static CommandLine configure(CommandLine commandLine) {
    StepCommandLine handlers = new StepCommandLine();
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    EmptyMeansUnset.applyTo(commandLine.getCommandSpec());
    commandLine.setExecutionExceptionHandler(handlers);
    commandLine.setParameterExceptionHandler(handlers);
    commandLine.setExitCodeExceptionMapper(handlers);
    commandLine.setExecutionStrategy(StepCommandLine::execute);
    addExitCodes(commandLine);
    return commandLine;
  }

  private static void addExitCodes(CommandLine commandLine) {
    var usage = commandLine.getCommandSpec().usageMessage();
    if (usage.exitCodeList().isEmpty()) {
      usage.exitCodeListHeading("%nExit codes:%n");
      usage.exitCodeList(StepExit.descriptions());
    }
    commandLine.getSubcommands().values().forEach(StepCommandLine::addExitCodes);
  }

  private static int execute(ParseResult parsed) {
    Optional<StepOptions> step = stepOptions(parsed);
    if (!helpRequested(parsed)) {
      step.ifPresent(s -> s.begin(parsed));
    }
    int code = new CommandLine.RunLast().execute(parsed);
    step.ifPresent(s -> s.finish(code, null));
    return code;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
    Optional<StepOptions> step = stepOptions(parsed);
    boolean verbose = step.map(StepOptions::verbose).orElse(false);
    int code = getExitCode(ex);
    String message = code == StepExit.INTERNAL && !(ex instanceof StepException || ex instanceof UncheckedIOException)
        ? "internal error: " + ex + (verbose ? "" : " (rerun with --verbose for the stack trace)")
        : ex.getMessage();
    PrintWriter err = commandLine.getErr();
    step.ifPresentOrElse(s -> s.log().error("%s", message), () -> err.println("error: " + message));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    step.ifPresent(s -> s.finish(code, message));
    return code;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    }
    err.flush();
    return StepExit.USAGE;
  }

  @Override
  public int getExitCode(Throwable ex) {
    if (ex instanceof StepException step) {
      return step.exitCode();
    }
    if (ex instanceof ParameterException) {
      return StepExit.USAGE;
    }
    if (ex instanceof KubernetesClientException kube) {
      return kube.getCode() == 0 || kube.getCode() >= 500 || kube.getCause() instanceof IOException
          ? StepExit.UNAVAILABLE : StepExit.USAGE;
    }
    return StepExit.INTERNAL;
  }

  private static boolean helpRequested(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.hasSubcommand() ? level.subcommand() : null) {
      if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The StepOptions mixin nearest the command that runs (a subcommand's own, else its parent's). */
  private static Optional<StepOptions> stepOptions(ParseResult parsed) {
    java.util.Deque<ParseResult> chain = new java.util.ArrayDeque<>();
    for (ParseResult level = parsed; level != null; level = level.hasSubcommand() ? level.subcommand() : null) {
      chain.push(level);
    }
    for (ParseResult level : chain) {
      for (var mixin : level.commandSpec().mixins().values()) {
        if (mixin.userObject() instanceof StepOptions options) {
          return Optional.of(options);
        }
      }
    }
    return Optional.empty();
  }
}
