package io.aiops.catalog.runner;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.artifacts.ArtifactDir;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Sidecar;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one Task as local processes: sidecars first (ready by their HTTP readiness probe), then the steps in order,
 * each with its artifact directory {@code NNN__<task>__<step>/} (command, log, results, FAILURE).
 */
final class TaskRunner {
  static final String TEKTON_RESULTS = "/tekton/results";
  static final String NEEDS_KUBERNETES = "aiops-catalog.io/needs-kubernetes";
  private static final Pattern SECRET_ARG = Pattern.compile("(?i)(--[a-z-]*(token|password|secret)[a-z-]*=).*");

  record Context(Path catalogRoot, Path out, LocalImages images, Path kubeconfig, String runName) {}

  private final Context ctx;

  TaskRunner(Context ctx) {
    this.ctx = ctx;
  }

  TaskOutcome run(String taskName, TaskView task, Map<String, String> given, Map<String, Path> workspaces,
      Duration timeout) {
    Instant start = Instant.now();
    List<String> dirs = new ArrayList<>();
    if ("true".equals(task.annotations().get(NEEDS_KUBERNETES)) && ctx.kubeconfig() == null) {
      return new TaskOutcome(taskName, TaskOutcome.Status.SKIPPED, "needs a Kubernetes API: give --kubeconfig",
          start, Duration.ZERO, Map.of(), dirs);
    }
    Path results = mkdirs(ctx.out().resolve(".results").resolve(taskName));
    Substitution vars = variables(taskName, task, given, workspaces, results);
    List<Process> sidecars = new ArrayList<>();
    Instant deadline = timeout == null ? null : start.plus(timeout);
    try {
      for (Sidecar sidecar : task.sidecars()) {
        sidecars.add(startSidecar(taskName, sidecar, vars, dirs));
      }
      for (Step step : task.steps()) {
        String failure = runStep(taskName, step, task, vars, results, dirs, deadline);
        if (failure != null) {
          return new TaskOutcome(taskName, TaskOutcome.Status.FAILED, failure, start,
              Duration.between(start, Instant.now()), readResults(task, results), dirs);
        }
      }
      return new TaskOutcome(taskName, TaskOutcome.Status.SUCCEEDED, null, start,
          Duration.between(start, Instant.now()), readResults(task, results), dirs);
    } catch (StepException e) {
      return new TaskOutcome(taskName, TaskOutcome.Status.FAILED, e.getMessage(), start,
          Duration.between(start, Instant.now()), Map.of(), dirs);
    } finally {
      sidecars.forEach(TaskRunner::stop);
    }
  }

  private Substitution variables(String taskName, TaskView task, Map<String, String> given,
      Map<String, Path> workspaces, Path results) {
    Map<String, String> values = new HashMap<>();
    Map<String, List<String>> arrays = new HashMap<>();
    for (ParamSpec p : task.params()) {
      String value = given.get(p.getName());
      if (value == null && p.getDefault() != null) {
        if (p.getDefault().getArrayVal() != null && p.getDefault().getStringVal() == null) {
          arrays.put(p.getName(), p.getDefault().getArrayVal());
          continue;
        }
        value = Objects.requireNonNullElse(p.getDefault().getStringVal(), "");
      }
      if (value == null) {
        throw StepException.usage("task " + taskName + " needs param " + p.getName() + ", which is not given");
      }
      values.put("params." + p.getName(), value);
    }
    // embedded task specs see the pipeline's params too (Tekton's propagated parameters)
    given.forEach((k, v) -> values.putIfAbsent("params." + k, v));
    task.workspaces().forEach(w -> {
      Path dir = workspaces.get(w.getName());
      values.put("workspaces." + w.getName() + ".bound", String.valueOf(dir != null));
      values.put("workspaces." + w.getName() + ".path", dir == null ? "" : dir.toString());
    });
    for (TaskResult r : task.results()) {
      values.put("results." + r.getName() + ".path", results.resolve(r.getName()).toString());
    }
    for (Step step : task.steps()) {
      values.put("steps.step-" + step.getName() + ".exitCode.path", exitCodeFile(results, step).toString());
    }
    values.put("context.taskRun.name", ctx.runName() + "-" + taskName);
    values.put("context.task.name", task.name());
    values.put("context.pipelineRun.name", ctx.runName());
    values.put("context.pipelineRun.namespace", "default");
    values.put("context.taskRun.namespace", "default");
    return new Substitution(values, arrays);
  }

  /** Runs one step; returns the failure reason, or null when it succeeded. */
  private String runStep(String taskName, Step step, TaskView task, Substitution vars, Path results,
      List<String> dirs, Instant deadline) {
    String where = "task " + taskName + " step " + step.getName();
    ArtifactDir dir = ArtifactDir.create(ctx.out(), taskName, step.getName());
    dirs.add(ctx.out().relativize(dir.path()).toString());
    String image = vars.apply(step.getImage(), where);
    Map<String, String> declared = new LinkedHashMap<>();
    ProcessBuilder pb = new ProcessBuilder();
    env(pb, step.getEnv(), vars, where, results, declared);
    List<String> command = KubeEnv.expand(local(vars.applyAll(step.getCommand(), where), results), declared);
    List<String> args = KubeEnv.expand(local(vars.applyAll(step.getArgs(), where), results), declared);
    List<String> line = step.getScript() != null
        ? List.of("sh", "-c", vars.apply(step.getScript(), where))
        : ctx.images().commandLine(image, command, args);
    dir.write("command.txt", redact(line) + "\n");
    pb.command(line);
    redirect(pb, dir.path().resolve("log.txt"), outputPath(step.getStdoutConfig(), vars, where),
        outputPath(step.getStderrConfig(), vars, where));
    pb.environment().put("ARTIFACT_DIR", dir.path().toString());
    if (step.getWorkingDir() != null) {
      pb.directory(Path.of(vars.apply(step.getWorkingDir(), where)).toFile());
    }
    int exit;
    try {
      Process p = pb.start();
      long waitMs = deadline == null ? Long.MAX_VALUE : Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      if (!p.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
        stop(p);
        dir.fail("timed out (task timeout reached)");
        return where + " timed out";
      }
      exit = p.exitValue();
    } catch (IOException e) {
      dir.fail("cannot start " + line.get(0) + ": " + e.getMessage());
      return where + ": cannot start " + line.get(0) + " (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dir.fail("interrupted");
      return where + " interrupted";
    }
    copyResults(results, dir.path().resolve("results"));
    try {
      Files.writeString(mkdirsFor(exitCodeFile(results, step)), Integer.toString(exit));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (exit != 0 && !"continue".equals(step.getOnError())) {
      String reason = where + " exited " + exit + lastLine(dir.path().resolve("log.txt"));
      dir.fail(reason);
      return reason;
    }
    return null;
  }

  private Process startSidecar(String taskName, Sidecar sidecar, Substitution vars, List<String> dirs) {
    String where = "task " + taskName + " sidecar " + sidecar.getName();
    ArtifactDir dir = ArtifactDir.create(ctx.out(), taskName, "sidecar-" + sidecar.getName());
    dirs.add(ctx.out().relativize(dir.path()).toString());
    List<String> line = ctx.images().commandLine(vars.apply(sidecar.getImage(), where),
        vars.applyAll(sidecar.getCommand(), where), vars.applyAll(sidecar.getArgs(), where));
    dir.write("command.txt", redact(line) + "\n");
    ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(dir.path().resolve("log.txt").toFile());
    env(pb, sidecar.getEnv(), vars, where, null);
    try {
      Process p = pb.start();
      var probe = sidecar.getReadinessProbe();
      if (probe != null && probe.getHttpGet() != null) {
        int port = probe.getHttpGet().getPort().getIntVal();
        String path = Objects.requireNonNullElse(probe.getHttpGet().getPath(), "/");
        awaitHttp(URI.create("http://127.0.0.1:" + port + path), p, where);
      }
      return p;
    } catch (IOException e) {
      throw StepException.usage(where + ": cannot start " + line.get(0) + " (" + e.getMessage() + ")");
    }
  }

  /** Where Tekton keeps a step's exit code ($(steps.step-NAME.exitCode.path)), beside the task's results. */
  private static Path exitCodeFile(Path results, Step step) {
    return results.resolveSibling(results.getFileName() + ".steps").resolve("step-" + step.getName())
        .resolve("exitCode");
  }

  /** Tekton's stdoutConfig/stderrConfig: the stream goes to that file instead of the log. */
  private static Path outputPath(io.fabric8.tekton.v1.StepOutputConfig config, Substitution vars, String where) {
    return config == null || config.getPath() == null ? null : mkdirsFor(Path.of(vars.apply(config.getPath(), where)));
  }

  private static void redirect(ProcessBuilder pb, Path log, Path stdout, Path stderr) {
    if (stdout == null && stderr == null) {
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      return;
    }
    pb.redirectOutput(stdout != null ? stdout.toFile() : log.toFile());
    pb.redirectError(stderr != null ? stderr.toFile() : log.resolveSibling("stderr.txt").toFile());
  }

  private static Path mkdirsFor(Path file) {
    mkdirs(file.toAbsolutePath().getParent());
    return file;
  }

  /** A sidecar's readiness probe: HTTP has nothing to watch, so this polls, briefly, as the kubelet does. */
  private static void awaitHttp(URI uri, Process p, String where) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      try {
        var r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw StepException.checkFailed(where + ": not ready at " + uri + (p.isAlive() ? " within 60 s" : ": it exited"));
  }

  private void env(ProcessBuilder pb, List<EnvVar> env, Substitution vars, String where, Path results) {
    env(pb, env, vars, where, results, new LinkedHashMap<>());
  }

  /** The container's env; {@code declared} gets each variable as Kubernetes expands it ($(VAR) of earlier ones). */
  private void env(ProcessBuilder pb, List<EnvVar> env, Substitution vars, String where, Path results,
      Map<String, String> declared) {
    if (ctx.kubeconfig() != null) {
      pb.environment().put("KUBECONFIG", ctx.kubeconfig().toString());
    }
    for (EnvVar e : Objects.requireNonNullElse(env, List.<EnvVar>of())) {
      if (e.getValue() != null) {
        String value = vars.apply(e.getValue(), where);
        value = KubeEnv.expand(results == null ? value : value.replace(TEKTON_RESULTS, results.toString()), declared);
        declared.put(e.getName(), value);
        pb.environment().put(e.getName(), value);
      }
      // valueFrom (secrets, field refs) has no local source: left unset, as an optional secret would be
    }
  }

  /** Tekton mounts results at /tekton/results; here they live in the task's results directory. */
  private static List<String> local(List<String> args, Path results) {
    return args.stream().map(a -> a.replace(TEKTON_RESULTS, results.toString())).toList();
  }

  private static Map<String, String> readResults(TaskView task, Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TaskResult r : task.results()) {
      Path f = dir.resolve(r.getName());
      if (Files.isRegularFile(f)) {
        try {
          out.put(r.getName(), Files.readString(f).trim());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  private static void copyResults(Path from, Path to) {
    try (var files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.createDirectories(to);
        Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).trim();
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  static String redact(List<String> line) {
    return String.join(" ", line.stream().map(a -> SECRET_ARG.matcher(a).replaceAll("$1<redacted>")).toList());
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
