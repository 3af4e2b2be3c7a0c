package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebook-train Task's four steps, run as its YAML writes them: our step through the built jar, the execute
 * step as a real {@code jupyter nbconvert} with a real python3 kernel (Debian jupyter-nbconvert, python3-nbclient,
 * python3-ipykernel, python3-sklearn, python3-pandas), against a real Prometheus.
 */
@QuarkusMainIntegrationTest
class NotebookTaskIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JUPYTER = "/usr/bin/jupyter";
  static RealPrometheus prometheus;
  @TempDir static Path promDir;

  @TempDir Path root;
  Path source;
  Path model;
  Path run;
  Path results;
  Map<String, String> jupyterEnv;
  TaskSteps task;

  @BeforeAll
  static void startPrometheus() throws Exception {
    assertThat(Path.of(JUPYTER)).as("needs Debian's jupyter-nbconvert, python3-nbclient, python3-ipykernel")
        .isExecutable();
    prometheus = RealPrometheus.start(promDir);
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @BeforeEach
  void workspaces() throws Exception {
    source = Files.createDirectories(root.resolve("source/notebooks"));
    model = Files.createDirectories(root.resolve("model"));
    results = root.resolve("results");
    run = model.resolve("reports/anomaly-detector/run-1");
    Path home = Files.createDirectories(root.resolve("home"));
    // a private Jupyter home: no user config or kernels leak in, and the test may add a kernelspec
    jupyterEnv = Map.of("HOME", home.toString(), "JUPYTER_CONFIG_DIR", home.resolve("config").toString(),
        "JUPYTER_DATA_DIR", home.resolve("data").toString(), "JUPYTER_RUNTIME_DIR", home.resolve("rt").toString(),
        "IPYTHONDIR", home.resolve("ipython").toString(), "PYDEVD_DISABLE_FILE_VALIDATION", "1");
    task = new TaskSteps(Fixtures.TASK_YAML, root.resolve("source"), model, root.resolve("steps"))
        .param("model-name", "anomaly-detector").param("prometheus-url", prometheus.url.toString())
        .param("end", RealPrometheus.END.toString());
  }

  @Test
  void theSampleNotebookTrainsOnAWeekOfRealPrometheusDataAndTheModelIsCollected(QuarkusMainLauncher launcher)
      throws Exception {
    Files.copy(Fixtures.PIPELINE_NOTEBOOKS.resolve("anomaly-detector.ipynb"), source.resolve("anomaly-detector.ipynb"));
    task.param("notebook-path", "notebooks/anomaly-detector.ipynb").param("training-hours", "168")
        .param("data-source", "prometheus").array("parameters", List.of("CONTAMINATION=0.02"));

    ourStep(launcher, "prepare", 0);
    ourStep(launcher, "fetch-data", 0);
    assertThat(task.runProcess("execute", jupyterEnv, JUPYTER)).as(Files.readString(run.resolve("execute.log")))
        .isZero();
    ourStep(launcher, "collect", 0);

    Path modelFile = model.resolve("anomaly-detector/model.pkl");
    assertThat(results.resolve("model-path")).hasContent(modelFile.toString());
    assertThat(results.resolve("model-sha256")).hasContent(CollectReport.sha256(modelFile));
    assertThat(results.resolve("model-bytes")).hasContent(Long.toString(Files.size(modelFile)));
    assertThat(results.resolve("data-source")).hasContent("prometheus");
    assertThat(results.resolve("outcome")).hasContent("succeeded");
    long rows = Long.parseLong(Files.readString(results.resolve("rows")));
    assertThat(rows).isBetween(9_000L, 7L * 1440 + 1);
    JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
    assertThat(metrics.get("real_rows").asLong()).isEqualTo(rows);
    assertThat(metrics.get("mixing").asText()).isEqualTo("80% Prometheus + 20% synthetic anomalies");
    assertThat(metrics.get("contamination").asDouble()).as("the -p parameter reached the kernel").isEqualTo(0.02);
    assertThat(run.resolve("executed.html")).content().contains("injected-parameters").contains("TRAINING_HOURS = 168");
  }

  @Test
  void aCellThatRaisesFailsTheTaskNamingTheCellAndKeepsTheReport(QuarkusMainLauncher launcher) throws Exception {
    notebook("import os", "raise ValueError('no usable rows in ' + os.environ['DATA_PATH'])", "print('after')");
    LaunchResult collect = runTask(launcher, Map.of());

    // cells: 0 parameters, 1 injected-parameters, 2 import, 3 raise, 4 print (runs: --allow-errors)
    assertThat(collect.getErrorOutput()).contains("cell 3 (execution count 4) raised ValueError: no usable rows in")
        .contains("raise ValueError(").doesNotContain("later cell(s)").doesNotContain("Exception in");
    JsonNode error = JSON.readTree(run.resolve("error.json").toFile());
    assertThat(error.get("kind").asText()).isEqualTo("cell-error");
    assertThat(error.get("cellIndex").asInt()).isEqualTo(3);
    assertThat(error.get("executionCount").asInt()).isEqualTo(4);
    assertThat(error.get("errorCells").asInt()).isEqualTo(1);
    assertThat(error.get("ename").asText()).isEqualTo("ValueError");
    assertThat(error.get("source").asText()).contains("raise ValueError");
    assertThat(error.get("traceback").toString()).contains("ValueError").doesNotContain("\\u001b[");
    assertThat(results.resolve("outcome")).hasContent("cell-error");
    assertThat(run.resolve("executed.ipynb")).exists();
    assertThat(run.resolve("executed.html")).content().contains("Failed at <a href=\"#cell-3\">");
  }

  @Test
  void aKernelKilledBySigkillIsReportedAsOomKilledAtItsCellWithExit4(QuarkusMainLauncher launcher)
      throws Exception {
    notebook("import os, signal", "os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does", "print('x')");
    LaunchResult collect = runTask(launcher, Map.of(), 4);

    // cells: 0 parameters, 1 injected-parameters, 2 import, 3 kill
    assertThat(collect.getErrorOutput()).contains("the notebook kernel was OOM-killed (exit 137")
        .contains("at cell 3: raise the train task's memory limit (taskRunSpecs computeResources) or reduce the "
            + "window").doesNotContain("Exception in");
    assertThat(results.resolve("outcome")).hasContent("oom-killed");
    JsonNode error = JSON.readTree(run.resolve("error.json").toFile());
    assertThat(error.get("kind").asText()).isEqualTo("oom-killed");
    assertThat(error.get("kernelCell").asInt()).isEqualTo(3);
    assertThat(error.get("kernelExitCode").asInt()).isEqualTo(137);
  }

  @Test
  void aKernelThatCrashesOtherwiseIsNotCalledOomKilled(QuarkusMainLauncher launcher) throws Exception {
    notebook("import os, signal", "print('fine')", "os.kill(os.getpid(), signal.SIGSEGV)");
    LaunchResult collect = runTask(launcher, Map.of(), 3);

    assertThat(collect.getErrorOutput()).contains("the notebook kernel died at cell 4 with signal 11 (exit 139), "
        + "not killed for memory").doesNotContain("OOM");
    assertThat(results.resolve("outcome")).hasContent("kernel-died");
  }

  @Test
  void aKernelOverItsCgroupMemoryLimitIsOomKilledAndTheCgroupCountSaysSo(QuarkusMainLauncher launcher)
      throws Exception {
    // a real OOM kill: the execute step in a memory cgroup of 400 MiB (as a pod's limit), a cell asking for 1.6 GB
    Path cgroup = Path.of("/sys/fs/cgroup/memory/notebook-task-it-" + ProcessHandle.current().pid());
    Assumptions.assumeTrue(Files.isWritable(Path.of("/sys/fs/cgroup/memory")),
        "needs a writable cgroup v1 memory hierarchy (root on this machine)");
    Files.createDirectories(cgroup);
    try {
      Files.writeString(cgroup.resolve("memory.limit_in_bytes"), Long.toString(400L << 20));
      notebook("import numpy as np", "blocks = [np.ones(25_000_000) for _ in range(8)]", "print('never')");
      ourStep(launcher, "prepare", 0);
      ourStep(launcher, "fetch-data", 0);
      task.runProcess("execute", jupyterEnv, JUPYTER, List.of("sh", "-c",
          "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cgroup.toString()));
      LaunchResult collect = ourStep(launcher, "collect", 4);

      assertThat(collect.getErrorOutput()).contains("the notebook kernel was OOM-killed (exit 137, the step's "
          + "cgroup counted 1 OOM kill(s)) at cell 3: raise the train task's memory limit");
      assertThat(results.resolve("outcome")).hasContent("oom-killed");
    } finally {
      for (int i = 0; i < 50 && !deleteCgroup(cgroup); i++) {
        Thread.sleep(100);
      }
    }
  }

  private static boolean deleteCgroup(Path cgroup) {
    try {
      Files.deleteIfExists(cgroup);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void theFraudNotebookTrainsAndItsTrainAndWrapperCellsBecomeScriptsThatRun(QuarkusMainLauncher launcher)
      throws Exception {
    Files.copy(Fixtures.PR_GATE_NOTEBOOKS.resolve("fraud-detection.ipynb"), source.resolve("fraud-detection.ipynb"));
    run = model.resolve("reports/fraud-detector/run-1");
    task.param("notebook-path", "notebooks/fraud-detection.ipynb").param("model-name", "fraud-detector")
        .param("data-source", "synthetic");

    ourStep(launcher, "prepare", 0);
    ourStep(launcher, "fetch-data", 0);
    assertThat(task.runProcess("execute", jupyterEnv, JUPYTER)).as(Files.readString(run.resolve("execute.log")))
        .isZero();
    ourStep(launcher, "collect", 0);
    ourStep(launcher, "extract", 0);

    Path dir = model.resolve("fraud-detector");
    assertThat(results.resolve("outcome")).hasContent("succeeded");
    assertThat(results.resolve("train-script-path")).hasContent(dir.resolve("train.py").toString());
    assertThat(results.resolve("wrapper-path")).hasContent(dir.resolve("wrapper.py").toString());
    assertThat(dir.resolve("test-predictions.csv")).content().startsWith(
        "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Amount,Class,prediction,score\n");
    assertThat(JSON.readTree(dir.resolve("model-metadata.json").toFile()).get("features")).hasSize(11);

    // the wrapper, as a serving image would load it, answers what the notebook scored for the same rows
    String holdout = Files.readString(dir.resolve("test-predictions.csv"));
    assertThat(python(dir, "exec(open('wrapper.py').read())\nimport pandas as pd\n"
        + "rows = pd.read_csv('test-predictions.csv').head(20)\n"
        + "scores = FraudDetector('model.pkl').predict(pd.read_csv('sample.csv').to_numpy())\n"
        + "print(float(abs(scores.round(6) - rows.score.to_numpy()).max()))")).isEqualTo("0.0");
    // train.py alone (no kernel, no notebook) trains the same model on the same data: the holdout comes out equal
    Files.delete(dir.resolve("test-predictions.csv"));
    python(dir, "exec(open('train.py').read())");
    assertThat(dir.resolve("test-predictions.csv")).hasContent(holdout);
  }

  @Test
  void aNotebookWithoutTrainCellsGetsNoScriptsAndEmptyResults(QuarkusMainLauncher launcher) throws Exception {
    notebook("print('no tags')");
    ourStep(launcher, "prepare", 0);
    LaunchResult extract = ourStep(launcher, "extract", 0);

    assertThat(extract.getErrorOutput()).contains("has no code cell tagged 'Train': no train.py or wrapper.py");
    assertThat(results.resolve("wrapper-path")).hasContent("");
    assertThat(results.resolve("train-script-path")).hasContent("");
    assertThat(model.resolve("anomaly-detector/train.py")).doesNotExist();

    task.param("extract", "always");
    assertThat(ourStep(launcher, "extract", 2).getErrorOutput()).contains("has no code cell tagged 'Train'");
  }

  /** Runs a Python program with the Debian python3 in dir; its stdout, stripped. */
  private static String python(Path dir, String program) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", program).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void aCellOverTheExecutionTimeoutIsReportedAsSuch(QuarkusMainLauncher launcher) throws Exception {
    task.param("execution-timeout", "2");
    notebook("import time", "time.sleep(60)");
    LaunchResult collect = runTask(launcher, Map.of());
    assertThat(collect.getErrorOutput()).contains("a cell ran longer than the execution timeout (2s");
    assertThat(results.resolve("outcome")).hasContent("execution-timeout");
  }

  @Test
  void aKernelThatNeverStartsIsReportedAsSuch(QuarkusMainLauncher launcher) throws Exception {
    Path spec = Files.createDirectories(Path.of(jupyterEnv.get("JUPYTER_DATA_DIR"), "kernels", "stuck"));
    Files.writeString(spec.resolve("kernel.json"),
        "{\"argv\": [\"/bin/sleep\", \"30\"], \"display_name\": \"stuck\", \"language\": \"python\"}");
    task.param("start-timeout", "3");
    notebook("print('never')");
    ObjectNode nb = (ObjectNode) JSON.readTree(source.resolve("nb.ipynb").toFile());
    ((ObjectNode) nb.get("metadata")).putObject("kernelspec").put("name", "stuck").put("display_name", "stuck");
    Files.writeString(source.resolve("nb.ipynb"), nb.toString());

    LaunchResult collect = runTask(launcher, Map.of());
    assertThat(collect.getErrorOutput()).contains("the kernel did not start within the start timeout (3s)")
        .contains("Kernel didn't respond in 3 seconds");
    assertThat(results.resolve("outcome")).hasContent("kernel-start-timeout");
  }

  @Test
  void outputCutByAnIopubTimeoutFailsAlthoughNbconvertExitsZero(QuarkusMainLauncher launcher) throws Exception {
    task.param("iopub-timeout", "1");
    // ipykernel flushes stderr once before its execute reply and once after it, then queues its idle status on the
    // IOPub thread. At that second flush the cell holds the IOPub thread 4 s: the reply reaches nbclient and the
    // idle status does not, whatever the machine's speed. (A flood of display messages raced the reply instead, and a
    // fast machine won the race.)
    notebook("""
        import sys, time
        flushes = []
        kernel_flush = sys.stderr.flush
        def flush():
            kernel_flush()
            flushes.append(1)
            if len(flushes) == 2:
                sys.stderr.pub_thread.schedule(lambda: time.sleep(4))
        sys.stderr.flush = flush
        """);
    LaunchResult collect = runTask(launcher, Map.of("nbconvertExit", "0"));
    assertThat(collect.getErrorOutput()).contains("outputs were cut").contains("IOPub timeout (1s)");
    assertThat(results.resolve("outcome")).hasContent("iopub-timeout");
  }

  /** A small notebook in the source workspace: a parameters cell, then the given code cells. */
  private void notebook(String... cells) throws Exception {
    ObjectNode nb = JSON.createObjectNode();
    var list = nb.putArray("cells");
    list.add(cell("TRAINING_HOURS = 168\nDATA_PATH = 'data.csv'", "parameters"));
    for (String c : cells) {
      list.add(cell(c));
    }
    nb.putObject("metadata").putObject("kernelspec").put("name", "python3").put("display_name", "Python 3")
        .put("language", "python");
    nb.put("nbformat", 4).put("nbformat_minor", 5);
    Files.writeString(source.resolve("nb.ipynb"), nb.toPrettyString());
    task.param("notebook-path", "notebooks/nb.ipynb").param("data-source", "synthetic");
  }

  private static ObjectNode cell(String source, String... tags) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cell_type", "code").put("id", "c" + Integer.toHexString(source.hashCode())).putNull("execution_count");
    var t = c.putObject("metadata").putArray("tags");
    for (String tag : tags) {
      t.add(tag);
    }
    c.putArray("outputs");
    c.put("source", source);
    return c;
  }

  /** prepare, fetch-data and execute must pass; collect must fail the Task with exit 3. */
  private LaunchResult runTask(QuarkusMainLauncher launcher, Map<String, String> expect) throws Exception {
    return runTask(launcher, expect, 3);
  }

  /** prepare, fetch-data and execute must pass; collect must fail the Task with the given exit code. */
  private LaunchResult runTask(QuarkusMainLauncher launcher, Map<String, String> expect, int collectExit)
      throws Exception {
    ourStep(launcher, "prepare", 0);
    ourStep(launcher, "fetch-data", 0);
    int execute = task.runProcess("execute", jupyterEnv, JUPYTER);
    if (expect.containsKey("nbconvertExit")) {
      assertThat(execute).as("nbconvert's own exit code").isEqualTo(Integer.parseInt(expect.get("nbconvertExit")));
    }
    return ourStep(launcher, "collect", collectExit);
  }

  private LaunchResult ourStep(QuarkusMainLauncher launcher, String step, int expectedExit) {
    LaunchResult r = launcher.launch(task.stepArgs(step, results));
    assertThat(r.exitCode()).as(step + ": " + r.getErrorOutput()).isEqualTo(expectedExit);
    return r;
  }
}
