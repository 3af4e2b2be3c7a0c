package io.aiops.catalog.runner;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.runner.admission.Admission;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Runs a Pipeline of this catalog on this machine: tasks in DAG order, independent ones in parallel,",
        "each step a local process (our step images as their built jars), artifacts under --out."},
    footerHeading = "%nExamples:%n",
    footer = {"  catalog run tekton/pipelines/train-and-gate",
        "  catalog run tekton/pipelines/train-and-gate -p training-hours=24 --preset quick --out /tmp/run1"})
public class RunCommand implements Callable<Integer> {
  @Mixin StepOptions step;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "Pipeline directory (or YAML file), e.g. "
      + "tekton/pipelines/train-and-gate.")
  Path pipeline;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A pipeline param; repeatable.")
  Map<String, String> given = new LinkedHashMap<>();

  @Option(names = "--preset", paramLabel = "NAME", description = "Apply a preset from --presets (repeatable; a "
      + "preset may extend others); -p wins over presets.")
  List<String> presets = new java.util.ArrayList<>();

  @Option(names = "--presets", paramLabel = "FILE", description = "Presets file. Default: presets.yaml beside the "
      + "pipeline.")
  Path presetsFile;

  @Option(names = {"-w", "--workspace"}, paramLabel = "NAME=DIR", description = "Bind a pipeline workspace to a "
      + "local directory (default: OUT/workspaces/NAME).")
  Map<String, Path> workspaceDirs = new HashMap<>();

  @Option(names = "--checkout", paramLabel = "NAME=DIR", description = "Start a workspace as a checkout of the "
      + "git repository at DIR (its tracked files, as a git-clone task would), e.g. --checkout source=.")
  Map<String, Path> checkouts = new HashMap<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Where artifacts, run.json and report.html go. "
      + "Default: runs/<pipeline>-<time>.")
  @Output
  Path out;

  @Option(names = "--catalog", paramLabel = "DIR", description = "Catalog root (holding tekton/ and steps/). "
      + "Default: found above the pipeline.")
  Path catalog;

  @Option(names = "--images", paramLabel = "FILE", description = "Image -> local command mapping for images "
      + "that are not our steps. Default: images/local-commands.yaml in the catalog.")
  Path imagesFile;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig for steps that need a "
      + "Kubernetes API; without it those tasks are skipped, with the reason.")
  Path kubeconfig;

  /** local: each step a local process (our images as their jars); podman: each step in its image, as a pod. */
  enum Engine { local, podman }

  @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE", description = "local: each step a "
      + "local process, our step images as their built jars (default); podman: each step in its image (images/"
      + "build.sh), one pod per task, as Tekton runs it: random UID in group 0, read-only root, memory limit.")
  Engine engine;

  @Option(names = "--parallelism", defaultValue = "4", description = "Tasks run at once. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--no-report", negatable = true, defaultValue = "true",
      description = "Write report.html at the end (default).")
  boolean report;

  @Override
  public Integer call() {
    var log = step.log();
    Path root = catalog != null ? catalog : findRoot(pipeline.toAbsolutePath());
    PipelinePlan plan = PipelinePlan.load(pipeline, root);
    Admission.refuse(root, plan.admittedFiles(root));
    Path presetsPath = presetsFile != null ? presetsFile : plan.file.resolveSibling("presets.yaml");
    RunParams params = RunParams.resolve(plan.pipeline.getSpec().getParams(), presetsPath, presets, given);
    String name = plan.pipeline.getMetadata().getName();
    String runName = name + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(Instant.now());
    Path outDir = (out != null ? out : Path.of("runs", runName)).toAbsolutePath();
    if (Files.isDirectory(outDir) && Files.exists(outDir.resolve(RunRecord.FILE))) {
      throw StepException.usage("--out " + outDir + " already holds a run: give a new directory (or none: "
          + "runs/<pipeline>-<time>)");
    }
    Map<String, Path> workspaces = workspaces(plan, outDir);
    LocalImages images = LocalImages.load(root, imagesFile != null ? imagesFile
        : root.resolve("images/local-commands.yaml"));
    PodmanEngine podman = null;
    if (engine == Engine.podman) {
      if (!PodmanEngine.available()) {
        throw StepException.usage("--engine podman: podman is not installed or does not answer (IMAGE_TESTS=1 "
            + "bash tests/setup.sh installs it), or use --engine local");
      }
      Path conf = root.resolve("target/images/containers.conf");
      podman = new PodmanEngine(System.getenv("CONTAINERS_CONF") == null && Files.isRegularFile(conf) ? conf : null,
          images);
    }
    log.info("running %s (%d tasks) into %s, engine %s%s", name, plan.nodes.size(), outDir, engine,
        params.presetsApplied().isEmpty() ? "" : ", presets " + params.presetsApplied());

    Instant started = Instant.now();
    TaskRunner runner = new TaskRunner(new TaskRunner.Context(root, outDir, images, kubeconfig, runName, podman));
    PipelineExecutor executor = new PipelineExecutor(plan, runner, params.values(), workspaces, runName, log,
        Math.max(1, parallelism));
    executor.run();
    RunRecord.write(outDir, name, runName, engine.name(), started, params.values(), params.presetsApplied(),
        executor.outcomes().values(), executor.firstFailure());
    if (executor.firstFailure() != null) {
      log.error("%s failed: %s", name, executor.firstFailure().reason());
    } else {
      log.info("%s succeeded", name);
    }
    if (report) {
      log.info("report: %s", ReportCommand.render(outDir, null));
    }
    return executor.firstFailure() == null ? StepExit.OK : StepExit.CHECK_FAILED;
  }

  private Map<String, Path> workspaces(PipelinePlan plan, Path outDir) {
    Map<String, Path> dirs = new HashMap<>();
    for (var w : java.util.Objects.requireNonNullElse(plan.pipeline.getSpec().getWorkspaces(),
        List.<io.fabric8.tekton.v1.PipelineWorkspaceDeclaration>of())) {
      Path dir = workspaceDirs.getOrDefault(w.getName(), outDir.resolve("workspaces").resolve(w.getName()));
      try {
        dirs.put(w.getName(), Files.createDirectories(dir.toAbsolutePath()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    checkouts.forEach((w, repo) -> {
      if (dirs.containsKey(w)) {
        Checkout.copyTracked(repo, dirs.get(w));
      }
    });
    for (String w : union(workspaceDirs.keySet(), checkouts.keySet())) {
      if (!dirs.containsKey(w)) {
        throw StepException.usage("the pipeline has no workspace '" + w + "' (it has " + dirs.keySet() + ")");
      }
    }
    return dirs;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  static Path findRoot(Path from) {
    for (Path p = from; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("tekton/tasks"))) {
        return p;
      }
    }
    throw StepException.usage("cannot find the catalog (a directory holding tekton/tasks) above " + from
        + ": give --catalog");
  }
}
