package io.aiops.catalog.step;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.artifacts.ArtifactDir;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options every step shares (a picocli mixin), and the run context built from them: the log, the Tekton
 * results and the artifact directory.
 */
public class StepOptions {
  /** Where Tekton mounts results; used when --results-dir is not given and the directory exists. */
  public static final Path TEKTON_RESULTS = Path.of("/tekton/results");
  private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|secret|credential).*");

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--results-dir", paramLabel = "DIR",
      description = "Directory for Tekton results (default: /tekton/results when it exists, else none).")
  @Output
  Path resultsDir;

  @Option(names = "--artifacts-dir", paramLabel = "DIR", defaultValue = "${env:ARTIFACT_DIR}",
      description = "Root for this run's artifact directory NNN__<step>__<command>/ (command line, options, log, "
          + "FAILURE); env ARTIFACT_DIR. Default: none.")
  @Output
  Path artifactsDir;

  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
      description = "Log lines as plain text or one JSON object per line. Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat = LogFormat.text;

  @Option(names = {"-v", "--verbose"}, description = "Debug lines, and stack traces on errors.")
  boolean verbose;

  private StepLog log;
  private Results results;
  private ArtifactDir artifacts;

  public StepLog log() {
    if (log == null) {
      String name = mixee != null ? mixee.root().name() : "step";
      log = new StepLog(name, logFormat, verbose, System.err);
    }
    return log;
  }

  /** The Tekton results of this run; {@link Results#write()} is a no-op target when there is nowhere to write. */
  public Results results() {
    if (results == null) {
      Path dir = resultsDir != null ? resultsDir : TEKTON_RESULTS;
      results = new Results(dir, resultsDir != null || Files.isDirectory(TEKTON_RESULTS));
    }
    return results;
  }

  /** This run's artifact directory, when an artifacts root was given. */
  public Optional<ArtifactDir> artifacts() {
    return Optional.ofNullable(artifacts);
  }

  public boolean verbose() {
    return verbose;
  }

  /** Opens the artifact directory and records what was run, with secrets redacted. */
  void begin(ParseResult parsed) {
    if (artifactsDir == null || artifactsDir.toString().isBlank()) {
      return; // an unbound optional Tekton workspace arrives as an empty path: no artifacts
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    String group = parsed.commandSpec().name();
    String command = leaf == parsed ? "main" : leaf.commandSpec().name();
    artifacts = ArtifactDir.create(artifactsDir, group, command);
    artifacts.write("command.txt", commandLine(parsed) + "\n");
    // created here, not in a static field: every step builds this mixin, and --help must not pay for Jackson
    ObjectNode options = Json.mapper().createObjectNode();
    for (ParseResult level = parsed; level != null; level = level.hasSubcommand() ? level.subcommand() : null) {
      for (OptionSpec option : level.commandSpec().options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        Object value = option.getValue();
        options.put(option.longestName(), isSecret(option) && value != null ? "<redacted>" : String.valueOf(value));
      }
    }
    artifacts.write("options.json", options.toPrettyString() + "\n");
  }

  /** Writes the log and, when the run failed, the FAILURE marker with its reason. */
  void finish(int exitCode, String failureReason) {
    if (artifacts == null) {
      return;
    }
    artifacts.writeLines("log.txt", log().lines());
    if (exitCode != StepExit.OK) {
      artifacts.fail(failureReason != null ? failureReason : "exit code " + exitCode);
    }
  }

  private static String commandLine(ParseResult parsed) {
    StringBuilder line = new StringBuilder(parsed.commandSpec().name());
    List<String> args = parsed.originalArgs();
    boolean redactNext = false;
    for (String arg : args) {
      String shown = arg;
      if (redactNext) {
        shown = "<redacted>";
        redactNext = false;
      } else if (arg.startsWith("--") && SECRET.matcher(arg).matches()) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
          shown = arg.substring(0, eq + 1) + "<redacted>";
        } else {
          redactNext = true;
        }
      }
      line.append(' ').append(shown);
    }
    return line.toString();
  }

  static boolean isSecret(ArgSpec arg) {
    return arg instanceof OptionSpec option && SECRET.matcher(option.longestName()).matches();
  }
}
