package io.aiops.catalog.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shared picocli set-up, on a small command built like every step. */
class StepCommandLineTest {
  @Command(name = "demo", mixinStandardHelpOptions = true)
  static class Demo implements Callable<Integer> {
    @Mixin StepOptions step;
    @Option(names = "--fail-with") String failWith;
    @Option(names = "--api-token") String apiToken;
    @Option(names = "--count", defaultValue = "5") int count;
    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class) java.time.Duration timeout;
    @Option(names = "--format", defaultValue = "text") LogFormat format;
    @Option(names = "--data") Path data;
    static Demo last;

    @Override
    public Integer call() {
      last = this;
      step.log().info("working on %.1f of the data", 0.5);
      if ("usage".equals(failWith)) {
        throw StepException.usage("--fail-with usage: what was wrong and how to fix it");
      }
      if ("bug".equals(failWith)) {
        throw new IllegalStateException("a bug");
      }
      return "check".equals(failWith) ? StepExit.CHECK_FAILED : StepExit.OK;
    }
  }

  StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cl = StepCommandLine.configure(new CommandLine(new Demo()));
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    // the step's log (and a --verbose stack trace in it) goes to System.err, as in a real step
    var logged = new java.io.ByteArrayOutputStream();
    var old = System.err;
    System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return cl.execute(args);
    } finally {
      System.setErr(old);
      err.write(logged.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void numbersAreWrittenTheSameWhateverTheLocaleTheStepStartedIn() {
    Locale started = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertThat(run()).isZero();
      assertThat(err.toString()).contains("working on 0.5 of the data").doesNotContain("0,5");
    } finally {
      Locale.setDefault(started);
    }
  }

  @Test
  void anEmptyValueMeansTheOptionWasNotGiven() {
    assertThat(run("--count=", "--timeout", "", "--format=", "--data=", "--fail-with=")).isZero();
    assertThat(Demo.last.count).isEqualTo(5);
    assertThat(Demo.last.timeout).hasSeconds(30);
    assertThat(Demo.last.format).isEqualTo(LogFormat.text);
    assertThat(Demo.last.data).isNull();
    assertThat(Demo.last.failWith).isNull();
  }

  @Test
  void aGivenValueStillWins() {
    assertThat(run("--count=7", "--timeout", "2m")).isZero();
    assertThat(Demo.last.count).isEqualTo(7);
    assertThat(Demo.last.timeout).hasMinutes(2);
  }

  @Command(name = "needs")
  static class Needs implements Callable<Integer> {
    @Mixin StepOptions step;
    @Option(names = "--dataset", required = true) Path dataset;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void aRequiredOptionGivenEmptyIsAUsageErrorThatSaysSo() {
    CommandLine cl = StepCommandLine.configure(new CommandLine(new Needs()));
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--dataset=")).isEqualTo(2);
    assertThat(err.toString()).contains("'--dataset' is required but was given empty");
  }

  @Test
  void unknownOptionIsExit2WithASuggestion() {
    assertThat(run("--fail-wth", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--fail-wth'").contains("Possible solutions: --fail-with");
  }

  @Test
  void userErrorIsOneLineWithItsExitCodeAndNoTrace(@TempDir Path artifacts) throws Exception {
    assertThat(run("--fail-with", "usage", "--artifacts-dir", artifacts.toString())).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("at io.aiops");
    Path runDir = artifacts.resolve("001__demo__main");
    assertThat(runDir.resolve("FAILURE")).content().contains("what was wrong");
    assertThat(runDir.resolve("log.txt")).content().contains("working");
  }

  @Test
  void internalErrorIsExit1AndVerboseShowsTheTrace(@TempDir Path artifacts) {
    assertThat(run("--fail-with", "bug", "--verbose", "--artifacts-dir", artifacts.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("IllegalStateException: a bug").contains("at io.aiops");
    assertThat(artifacts.resolve("001__demo__main/FAILURE")).content().contains("internal error");
  }

  @Test
  void withoutVerboseThereIsNoTrace() {
    assertThat(run("--fail-with", "bug")).isEqualTo(1);
    assertThat(err.toString()).doesNotContain("at io.aiops");
  }

  @Test
  void checkFailedExitCodeIsRecordedAsFailure(@TempDir Path artifacts) {
    assertThat(run("--fail-with", "check", "--artifacts-dir", artifacts.toString())).isEqualTo(3);
    assertThat(artifacts.resolve("001__demo__main/FAILURE")).content().contains("exit code 3");
  }

  @Test
  void anEmptyArtifactsDirMeansNoArtifacts(@TempDir Path cwd) throws Exception {
    assertThat(run("--artifacts-dir=")).isZero();
    assertThat(Path.of("001__demo__main")).doesNotExist();
  }

  @Test
  void secretOptionsAreRedactedInArtifacts(@TempDir Path artifacts) throws Exception {
    assertThat(run("--api-token", "hunter2", "--artifacts-dir", artifacts.toString())).isZero();
    Path runDir = artifacts.resolve("001__demo__main");
    assertThat(Files.readString(runDir.resolve("command.txt"))).contains("--api-token <redacted>")
        .doesNotContain("hunter2");
    assertThat(Files.readString(runDir.resolve("options.json"))).doesNotContain("hunter2");
  }

  @Test
  void helpListsTheExitCodesAndCreatesNoArtifacts(@TempDir Path artifacts) throws Exception {
    CommandLine cl = StepCommandLine.configure(new CommandLine(new Demo()));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--help", "--artifacts-dir", artifacts.toString())).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("3   check failed");
    try (var files = Files.list(artifacts)) {
      assertThat(files).isEmpty();
    }
  }
}
