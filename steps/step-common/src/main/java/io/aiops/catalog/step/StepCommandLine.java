package io.aiops.catalog.step;

import io.aiops.catalog.step.http.RedactingStream;
import io.aiops.catalog.step.http.RedactingWriter;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.io.OutputLocations;
import io.aiops.catalog.step.kube.KubeFailure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.AccessibleObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli set-up every step shares: exit codes in the help, one-line errors for users (the stack trace only
 * with --verbose), every {@link Output} location checked before the command runs, the artifact directory opened
 * before and closed after it, and everything printed redacted.
 */
public final class StepCommandLine
    implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

  private StepCommandLine() {}

  public static CommandLine configure(CommandLine commandLine) {
    // results, reports and logs are read by machines and compared across runs: 0.5 is "0.5" whatever LANG the pod
    // or the laptop has (de_DE would write "0,5", and a pipeline reading the result would fail on it)
    Locale.setDefault(Locale.ROOT);
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
    // wrapped here, not in configure(): whatever writers were set by then (Quarkus, a test) are the ones redacted
    CommandLine root = parsed.commandSpec().commandLine();
    root.setOut(new PrintWriter(new RedactingWriter(root.getOut()), true));
    root.setErr(new PrintWriter(new RedactingWriter(root.getErr()), true));
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(RedactingStream.around(out));
    System.setErr(RedactingStream.around(err));
    try {
      Optional<StepOptions> step = stepOptions(parsed);
      if (!helpRequested(parsed)) {
        checkOutputs(parsed);
        step.ifPresent(s -> s.begin(parsed));
      }
      int code = new CommandLine.RunLast().execute(parsed);
      step.ifPresent(s -> s.finish(code, null));
      return code;
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
    }
  }

  /**
   * Every option marked {@link Output}, at every level of the command line, must be writable before the command
   * runs: a ParameterException here is a usage error (exit 2) and nothing has been done yet.
   */
  private static void checkOutputs(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.hasSubcommand() ? level.subcommand() : null) {
      for (OptionSpec option : level.commandSpec().options()) {
        Output output = option.userObject() instanceof AccessibleObject member
            ? member.getAnnotation(Output.class) : null;
        Object value = output == null ? null : option.getValue();
        if (value == null) {
          continue;
        }
        Path path = value instanceof Path p ? p : Path.of(value.toString());
        Optional<String> problem = OutputLocations.problem(option.longestName(), path, output.value());
        if (problem.isPresent()) {
          throw new ParameterException(level.commandSpec().commandLine(), problem.get());
        }
      }
    }
  }

  @Override
  public int handleExecutionException(Exception thrown, CommandLine commandLine, ParseResult parsed) {
    Optional<StepOptions> step = stepOptions(parsed);
    boolean verbose = step.map(StepOptions::verbose).orElse(false);
    Exception ex = thrown instanceof StepException ? thrown : KubeFailure.of(thrown).map(Exception.class::cast)
        .orElse(thrown);
    int code = getExitCode(ex);
    String message = code == StepExit.INTERNAL && !(ex instanceof StepException || ex instanceof UncheckedIOException)
        ? "internal error: " + ex + (verbose ? "" : " (rerun with --verbose for the stack trace)")
        : ex.getMessage();
    PrintWriter err = commandLine.getErr();
    step.ifPresentOrElse(s -> s.log().error("%s", message), () -> err.println("error: " + message));
    if (verbose) {
      step.ifPresentOrElse(s -> s.log().stackTrace(thrown), () -> thrown.printStackTrace(err));
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
    return KubeFailure.of(ex).map(StepException::exitCode).orElse(StepExit.INTERNAL);
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
