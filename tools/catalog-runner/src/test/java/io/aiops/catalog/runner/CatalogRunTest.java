package io.aiops.catalog.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given small pipelines of a test catalog, when `catalog run` runs them, then run.json and the artifacts say so. */
@QuarkusMainTest
class CatalogRunTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path CATALOG = catalog();

  @TempDir Path out;

  LaunchResult run(QuarkusMainLauncher launcher, String pipeline, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", CATALOG.resolve("tekton/pipelines/" + pipeline).toString(),
        "--out", out.toString()));
    args.addAll(List.of(extra));
    return launcher.launch(args.toArray(String[]::new));
  }

  @Test
  void runsTheDagPassingResultsHonouringWhenAndFinally(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult r = run(launcher, "dag", "-p", "greeting=hi there");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(run.path("status").asText()).isEqualTo("Succeeded");
    assertThat(task(run, "first").path("results").path("said").asText()).isEqualTo("hi there");
    assertThat(task(run, "uses-result").path("results").path("said").asText()).isEqualTo("got hi there");
    assertThat(task(run, "only-full").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(task(run, "report").path("results").path("status").asText()).isEqualTo("Succeeded");
    List<String> order = Files.readAllLines(out.resolve("workspaces/shared/order")).stream()
        .filter(l -> !l.matches("\\d+")).toList();
    assertThat(order.indexOf("hi there")).isLessThan(order.indexOf("got hi there")).isLessThan(order.size());
    assertThat(order.indexOf("hi there")).isLessThan(order.indexOf("after"));
    assertThat(out.resolve("report.html")).exists();
    assertThat(r.getErrorOutput()).contains("first").contains("done in");
  }

  @Test
  void independentTasksRunInParallel(QuarkusMainLauncher launcher) throws IOException {
    assertThat(run(launcher, "dag", "-p", "greeting=x").exitCode()).isZero();
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    Instant aStart = Instant.parse(task(run, "slow-a").path("startedAt").asText());
    Instant bStart = Instant.parse(task(run, "slow-b").path("startedAt").asText());
    Instant aEnd = aStart.plusMillis(task(run, "slow-a").path("durationMs").asLong());
    Instant bEnd = bStart.plusMillis(task(run, "slow-b").path("durationMs").asLong());
    assertThat(aStart.isBefore(bEnd) && bStart.isBefore(aEnd)).as("slow-a and slow-b overlap").isTrue();
  }

  @Test
  void presetsExtendAndAreRecordedAndWhenSkips(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult r = run(launcher, "dag", "--preset", "quick");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(run.path("presets").toString()).isEqualTo("[\"hello\",\"quick\"]");
    assertThat(run.path("params").path("greeting").asText()).isEqualTo("hello");
    assertThat(task(run, "only-full").path("status").asText()).isEqualTo("SKIPPED");
    assertThat(task(run, "only-full").path("reason").asText()).contains("'quick' in [full]");
  }

  @Test
  void firstFailureStopsSchedulingAndIsTheReportedCause(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult r = run(launcher, "failing");

    assertThat(r.exitCode()).isEqualTo(3);
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(task(run, "flaky").path("status").asText()).as("retried once, then passed").isEqualTo("SUCCEEDED");
    assertThat(task(run, "flaky").path("artifactDirs")).as("both attempts kept").hasSize(2);
    assertThat(run.path("failedTask").asText()).isEqualTo("breaks");
    assertThat(run.path("failure").asText()).contains("exited 7").contains("model file missing");
    assertThat(task(run, "never").path("status").asText()).isEqualTo("NOT_RUN");
    assertThat(task(run, "cleanup").path("results").path("seen").asText()).isEqualTo("Failed");
    Path breaks = out.resolve(task(run, "breaks").path("artifactDirs").get(0).asText());
    assertThat(breaks.getFileName().toString()).matches("\\d{3}__breaks__boom");
    assertThat(breaks.resolve("FAILURE")).content().contains("exited 7");
    assertThat(breaks.resolve("command.txt")).content().contains("exit 7");
  }

  @Test
  void taskTimeoutKillsIt(QuarkusMainLauncher launcher) throws IOException {
    LaunchResult r = run(launcher, "timeouts");

    assertThat(r.exitCode()).isEqualTo(3);
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(task(run, "too-slow").path("reason").asText()).contains("timed out");
    assertThat(task(run, "too-slow").path("durationMs").asLong()).isLessThan(20_000);
  }

  @Test
  void missingParamIsExit2Named(QuarkusMainLauncher launcher) {
    LaunchResult r = run(launcher, "dag");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("missing required param(s) [greeting]");
    assertThat(out.resolve("run.json")).doesNotExist();
  }

  @Test
  void unknownParamIsExit2(QuarkusMainLauncher launcher) {
    LaunchResult r = run(launcher, "dag", "-p", "greeting=x", "-p", "gretting=y");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("no param 'gretting'");
  }

  @Test
  void cycleIsExit2NamingIt(QuarkusMainLauncher launcher) {
    LaunchResult r = run(launcher, "cycle");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("cycle").contains("a -> c -> b -> a");
  }

  @Test
  void whatADefaultClusterRefusesIsExit2BeforeAnythingRuns(QuarkusMainLauncher launcher, @TempDir Path bad)
      throws IOException {
    Files.writeString(bad.resolve("p.yaml"), """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: gated}
        spec:
          tasks:
            - name: t
              taskSpec:
                steps:
                  - name: s
                    image: docker.io/library/busybox:1.36
                    command: ["touch", "ran"]
                    stdoutConfig: {path: out.txt}
        """);
    LaunchResult r = launcher.launch("run", bad.resolve("p.yaml").toString(), "--catalog", CATALOG.toString(),
        "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains(bad.resolve("p.yaml") + ":12: [gated-field] stdoutConfig needs "
        + "enable-api-fields: alpha");
    assertThat(out.resolve("run.json")).doesNotExist();
  }

  @Test
  void checkNamesEveryFindingAndExits3(QuarkusMainLauncher launcher, @TempDir Path bad) throws IOException {
    Files.writeString(bad.resolve("run.yaml"), """
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: {generateName: two-claims-}
        spec:
          taskRef: {name: echo}
          workspaces:
            - {name: a, persistentVolumeClaim: {claimName: one}}
            - {name: b, persistentVolumeClaim: {claimName: two}}
        """);
    LaunchResult r = launcher.launch("check", bad.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.getOutput()).contains(bad.resolve("run.yaml") + ":6: [coschedule-workspaces]")
        .contains("PVC one").contains("PVC two");
  }

  @Test
  void unknownFieldInTheYamlIsExit2(QuarkusMainLauncher launcher, @TempDir Path bad) throws IOException {
    Files.writeString(bad.resolve("p.yaml"), """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: bad}
        spec:
          taks: []
        """);
    LaunchResult r = launcher.launch("run", bad.resolve("p.yaml").toString(), "--catalog", CATALOG.toString(),
        "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("taks");
  }

  @Test
  void compareFlagsATaskThatBrokeBetweenTwoRuns(QuarkusMainLauncher launcher, @TempDir Path other)
      throws IOException {
    assertThat(run(launcher, "flip").exitCode()).isZero();
    LaunchResult broken = launcher.launch("run", CATALOG.resolve("tekton/pipelines/flip").toString(), "-p",
        "fail=true", "--out", other.toString());
    assertThat(broken.exitCode()).isEqualTo(3);

    LaunchResult same = launcher.launch("report", out.toString(), "--compare", out.toString());
    assertThat(same.exitCode()).as(same.getErrorOutput()).isZero();
    LaunchResult compared = launcher.launch("report", out.toString(), "--compare", other.toString());

    assertThat(compared.exitCode()).isEqualTo(3);
    assertThat(compared.getErrorOutput()).contains("regression: task work: FAILED");
    assertThat(other.resolve("compare.html")).content().contains("regression").contains("work");
  }

  @Test
  void reportOfADirectoryWithoutARunIsExit2(QuarkusMainLauncher launcher, @TempDir Path empty) {
    LaunchResult r = launcher.launch("report", empty.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("no run.json");
  }

  /** A hostile run.json: markup in every field the report shows, and an artifact dir outside the run. */
  static String runJson(String status, String artifactDir) {
    return "{\"pipeline\":\"p\",\"runName\":\"r\",\"status\":\"Succeeded\","
        + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"finishedAt\":\"2026-01-01T00:00:10Z\",\"tasks\":[{"
        + "\"name\":\"t<b>\",\"status\":" + JSON.valueToTree(status) + ",\"durationMs\":1000,"
        + "\"startedAt\":\"2026-01-01T00:00:01Z\",\"artifactDirs\":[" + JSON.valueToTree(artifactDir) + "]}]}";
  }

  @Test
  void theReportEscapesEveryFieldAndReadsNothingOutsideTheRun(QuarkusMainLauncher launcher, @TempDir Path runs)
      throws IOException {
    Path run = Files.createDirectories(runs.resolve("run"));
    Files.createDirectories(run.resolve("001__t"));
    Files.writeString(run.resolve("run.json"), runJson("</title><script>alert(1)</script>", "001__t"));
    assertThat(launcher.launch("report", run.toString()).exitCode()).isZero();
    assertThat(run.resolve("report.html")).content().doesNotContain("<script>alert(1)")
        .contains("&lt;/title&gt;&lt;script&gt;");

    Path secret = Files.createDirectories(runs.resolve("elsewhere"));
    Files.writeString(secret.resolve("secret.json"), "{\"confusionMatrix\":{\"labels\":[\"outside\"]}}");
    Files.writeString(run.resolve("run.json"), runJson("SUCCEEDED", "../elsewhere"));
    LaunchResult outside = launcher.launch("report", run.toString());
    assertThat(outside.exitCode()).isEqualTo(2);
    assertThat(outside.getErrorOutput()).contains("outside the run directory");

    Files.writeString(run.resolve("run.json"), runJson("SUCCEEDED", "001__t").replace("\"durationMs\":1000",
        "\"durationMs\":\"long\""));
    LaunchResult wrongType = launcher.launch("report", run.toString());
    assertThat(wrongType.exitCode()).isEqualTo(2);
    assertThat(wrongType.getErrorOutput()).contains("field \"tasks[0].durationMs\" is \"long\", not a number");
  }

  static JsonNode task(JsonNode run, String name) {
    for (JsonNode t : run.path("tasks")) {
      if (t.path("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no task " + name + " in " + run);
  }

  static Path catalog() {
    try {
      return Path.of(CatalogRunTest.class.getResource("/mini-catalog/tekton").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
