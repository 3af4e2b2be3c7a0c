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
 * Runs one Task: sidecars first (ready by their HTTP readiness probe), then the steps in order, each with its
 * artifact directory {@code NNN__<task>__<step>/} (command, log, results, FAILURE). The local engine runs each as a
 * local process (our step images as their jars); the podman engine runs each in its image, in one pod per TaskRun
 * ({@link PodmanEngine}).
 */
final class TaskRunner {
  static final String TEKTON_RESULTS = "/tekton/results";
  static final String NEEDS_KUBERNETES = "aiops-catalog.io/needs-kubernetes";
  private static final String KUBECONFIG_IN_POD = "/tekton/kubeconfig";
  private static final Pattern SECRET_ARG = Pattern.compile("(?i)(--[a-z-]*(token|password|secret)[a-z-]*=).*");

  /** podman null: the local engine. */
  record Context(Path catalogRoot, Path out, LocalImages images, Path kubeconfig, String runName,
      PodmanEngine podman) {
    Context(Path catalogRoot, Path out, LocalImages images, Path kubeconfig, String runName) {
      this(catalogRoot, out, images, kubeconfig, runName, null);
    }
  }

  /** Where the containers of one TaskRun see things: host path -> container path (podman engine only). */
  private record Pod(String name, List<PodmanEngine.Mount> mounts) {
    Path hostPath(String containerPath) {
      for (PodmanEngine.Mount m : mounts) {
        if (containerPath.equals(m.container()) || containerPath.startsWith(m.container() + "/")) {
          return Path.of(m.host() + containerPath.substring(m.container().length()));
        }
      }
      throw StepException.usage(containerPath + " is in no workspace or /tekton directory: a step's stdoutConfig/"
          + "stderrConfig must point into one");
    }
  }

  private final Context ctx;

  TaskRunner(Context ctx) {
    this.ctx = ctx;
  }

  TaskOutcome run(String taskName, TaskView task, Map<String, String> given, Map<String, Path> workspaces,
      Duration timeout) {
    Instant start = Instant.now();
    List<String> dirs = new ArrayList<>();
    if (ctx.kubeconfig() == null && needsKubernetes(task, given)) {
      return new TaskOutcome(taskName, TaskOutcome.Status.SKIPPED, "needs a Kubernetes API: give --kubeconfig",
          start, Duration.ZERO, Map.of(), dirs);
    }
    Path results = mkdirs(ctx.out().resolve(".results").resolve(taskName));
    Substitution vars = variables(taskName, task, given, workspaces, results, ctx.podman() != null);
    Pod pod = null;
    List<Process> sidecars = new ArrayList<>();
    Instant deadline = timeout == null ? null : start.plus(timeout);
    try {
      if (ctx.podman() != null) {
        pod = createPod(taskName, task, workspaces, results);
      }
      for (Sidecar sidecar : task.sidecars()) {
        sidecars.add(startSidecar(taskName, sidecar, vars, dirs, pod));
      }
      for (Step template : task.steps()) {
        Step step = StepTemplates.apply(task.stepTemplate(), template);
        String failure = runStep(taskName, step, task, vars, results, dirs, deadline, pod);
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
      if (pod != null) {
        ctx.podman().removePod(pod.name());
      }
    }
  }

  /** The TaskRun's pod: workspaces at /workspace/NAME (or their mountPath), /tekton/results, /tekton/steps. */
  private Pod createPod(String taskName, TaskView task, Map<String, Path> workspaces, Path results) {
    List<PodmanEngine.Mount> mounts = new ArrayList<>();
    for (var w : task.workspaces()) {
      Path dir = workspaces.get(w.getName());
      if (dir != null) {
        mounts.add(new PodmanEngine.Mount(PodmanEngine.groupWritable(dir), workspacePath(w),
            Boolean.TRUE.equals(w.getReadOnly())));
      }
    }
    mounts.add(new PodmanEngine.Mount(PodmanEngine.groupWritable(results), PodmanEngine.RESULTS, false));
    mounts.add(new PodmanEngine.Mount(PodmanEngine.groupWritable(stepsDir(results)), PodmanEngine.STEPS, false));
    if (ctx.kubeconfig() != null) {
      mounts.add(new PodmanEngine.Mount(ctx.kubeconfig().toAbsolutePath(), KUBECONFIG_IN_POD, true));
    }
    return new Pod(ctx.podman().createPod(ctx.runName() + "-" + taskName), mounts);
  }

  private static String workspacePath(io.fabric8.tekton.v1.WorkspaceDeclaration w) {
    return w.getMountPath() != null ? w.getMountPath() : "/workspace/" + w.getName();
  }

  /**
   * The Task's annotation says when it calls the Kubernetes API: "true" (always), "if-param:A,B" (when one of
   * these params is set, e.g. model-validate's isvc) or "unless-param:A" (when it is empty, e.g. a service found
   * through the API unless its URL is given).
   */
  static boolean needsKubernetes(TaskView task, Map<String, String> given) {
    String rule = task.annotations().get(NEEDS_KUBERNETES);
    if (rule == null) {
      return false;
    }
    if (rule.equals("true")) {
      return true;
    }
    boolean unless = rule.startsWith("unless-param:");
    if (!unless && !rule.startsWith("if-param:")) {
      throw StepException.usage("annotation " + NEEDS_KUBERNETES + ": '" + rule + "' is not true, if-param:NAMES "
          + "or unless-param:NAMES");
    }
    boolean anySet = false;
    for (String name : rule.substring(rule.indexOf(':') + 1).split(",")) {
      anySet |= !paramValue(task, given, name.strip()).isEmpty();
    }
    return unless != anySet;
  }

  private static String paramValue(TaskView task, Map<String, String> given, String name) {
    if (given.containsKey(name)) {
      return given.get(name);
    }
    return task.params().stream().filter(p -> name.equals(p.getName()) && p.getDefault() != null)
        .map(p -> Objects.requireNonNullElse(p.getDefault().getStringVal(), "")).findFirst().orElse("");
  }

  private Substitution variables(String taskName, TaskView task, Map<String, String> given,
      Map<String, Path> workspaces, Path results, boolean inPod) {
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
      values.put("workspaces." + w.getName() + ".path", dir == null ? "" : inPod ? workspacePath(w) : dir.toString());
    });
    for (TaskResult r : task.results()) {
      values.put("results." + r.getName() + ".path",
          inPod ? PodmanEngine.RESULTS + "/" + r.getName() : results.resolve(r.getName()).toString());
    }
    for (Step step : task.steps()) {
      values.put("steps.step-" + step.getName() + ".exitCode.path", inPod
          ? PodmanEngine.STEPS + "/step-" + step.getName() + "/exitCode" : exitCodeFile(results, step).toString());
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
      List<String> dirs, Instant deadline, Pod pod) {
    String where = "task " + taskName + " step " + step.getName();
    ArtifactDir dir = ArtifactDir.create(ctx.out(), taskName, step.getName());
    dirs.add(ctx.out().relativize(dir.path()).toString());
    String image = vars.apply(step.getImage(), where);
    Map<String, String> env = env(step.getEnv(), vars, where, pod == null ? results : null);
    List<String> line;
    ProcessBuilder pb;
    if (pod != null) {
      // the kubelet expands $(VAR) of the container's env in command and args; podman does not, so we do
      List<String> command = step.getScript() != null ? List.of("sh", "-c", vars.apply(step.getScript(), where))
          : KubeEnv.expand(vars.applyAll(step.getCommand(), where), env);
      List<PodmanEngine.Mount> mounts = new ArrayList<>(pod.mounts());
      mounts.add(new PodmanEngine.Mount(PodmanEngine.groupWritable(dir.path()), dir.path().toString(), false));
      env.put("ARTIFACT_DIR", dir.path().toString());
      line = ctx.podman().runLine(pod.name(), new PodmanEngine.Container(step.getName(), ctx.podman().image(image),
          command, step.getScript() != null ? List.of() : KubeEnv.expand(vars.applyAll(step.getArgs(), where), env),
          List.copyOf(env.keySet()), vars.apply(step.getWorkingDir(), where), mounts, step.getComputeResources(),
          readOnlyRoot(step)));
      pb = new ProcessBuilder(line);
      ctx.podman().environment(pb.environment());
      redirect(pb, dir.path().resolve("log.txt"), outputPath(step.getStdoutConfig(), vars, where, pod),
          outputPath(step.getStderrConfig(), vars, where, pod));
    } else {
      List<String> command = KubeEnv.expand(local(vars.applyAll(step.getCommand(), where), results), env);
      List<String> args = KubeEnv.expand(local(vars.applyAll(step.getArgs(), where), results), env);
      line = step.getScript() != null
          ? List.of("sh", "-c", vars.apply(step.getScript(), where))
          : ctx.images().commandLine(image, command, args);
      env.put("ARTIFACT_DIR", dir.path().toString());
      pb = new ProcessBuilder(line);
      redirect(pb, dir.path().resolve("log.txt"), outputPath(step.getStdoutConfig(), vars, where, null),
          outputPath(step.getStderrConfig(), vars, where, null));
      if (step.getWorkingDir() != null) {
        pb.directory(Path.of(vars.apply(step.getWorkingDir(), where)).toFile());
      }
    }
    pb.environment().putAll(env);
    dir.write("command.txt", redact(line) + "\n");
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
    String overLimit = pod == null ? null : PodmanEngine.resultsOverLimit(results);
    if (overLimit != null) {
      String reason = where + ": " + overLimit;
      dir.fail(reason);
      return reason;
    }
    if (exit != 0 && !"continue".equals(step.getOnError())) {
      String reason = where + " exited " + exit + lastLine(dir.path().resolve("log.txt"));
      dir.fail(reason);
      return reason;
    }
    return null;
  }

  /** A read-only root filesystem unless the step's securityContext says readOnlyRootFilesystem: false. */
  private static boolean readOnlyRoot(Step step) {
    var sc = step.getSecurityContext();
    return sc == null || sc.getReadOnlyRootFilesystem() == null || sc.getReadOnlyRootFilesystem();
  }

  private Process startSidecar(String taskName, Sidecar sidecar, Substitution vars, List<String> dirs, Pod pod) {
    String where = "task " + taskName + " sidecar " + sidecar.getName();
    ArtifactDir dir = ArtifactDir.create(ctx.out(), taskName, "sidecar-" + sidecar.getName());
    dirs.add(ctx.out().relativize(dir.path()).toString());
    Map<String, String> env = env(sidecar.getEnv(), vars, where, null);
    List<String> line = pod == null
        ? ctx.images().commandLine(vars.apply(sidecar.getImage(), where), vars.applyAll(sidecar.getCommand(), where),
            vars.applyAll(sidecar.getArgs(), where))
        : ctx.podman().runLine(pod.name(), new PodmanEngine.Container("sidecar-" + sidecar.getName(),
            ctx.podman().image(vars.apply(sidecar.getImage(), where)), vars.applyAll(sidecar.getCommand(), where),
            vars.applyAll(sidecar.getArgs(), where), List.copyOf(env.keySet()),
            vars.apply(sidecar.getWorkingDir(), where), pod.mounts(), sidecar.getComputeResources(),
            sidecar.getSecurityContext() == null || !Boolean.FALSE.equals(
                sidecar.getSecurityContext().getReadOnlyRootFilesystem())));
    dir.write("command.txt", redact(line) + "\n");
    ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(dir.path().resolve("log.txt").toFile());
    pb.environment().putAll(env);
    if (pod != null) {
      ctx.podman().environment(pb.environment());
    }
    try {
      Process p = pb.start();
      var probe = sidecar.getReadinessProbe();
      if (probe != null && probe.getHttpGet() != null) {
        int port = probe.getHttpGet().getPort().getIntVal();
        String path = Objects.requireNonNullElse(probe.getHttpGet().getPath(), "/");
        // the kubelet probes the pod's IP; locally the pod is this machine
        String host = pod == null ? "127.0.0.1" : ctx.podman().podIp(pod.name());
        awaitHttp(URI.create("http://" + host + ":" + port + path), p, where);
      }
      return p;
    } catch (IOException e) {
      throw StepException.usage(where + ": cannot start " + line.get(0) + " (" + e.getMessage() + ")");
    }
  }

  /** Where Tekton keeps a step's exit code ($(steps.step-NAME.exitCode.path)), beside the task's results. */
  private static Path exitCodeFile(Path results, Step step) {
    return stepsDir(results).resolve("step-" + step.getName()).resolve("exitCode");
  }

  /** Tekton's stdoutConfig/stderrConfig: the stream goes to that file instead of the log. */
  private static Path outputPath(io.fabric8.tekton.v1.StepOutputConfig config, Substitution vars, String where,
      Pod pod) {
    if (config == null || config.getPath() == null) {
      return null;
    }
    String path = vars.apply(config.getPath(), where);
    return mkdirsFor(pod == null ? Path.of(path) : pod.hostPath(path));
  }

  private static Path stepsDir(Path results) {
    return mkdirs(results.resolveSibling(results.getFileName() + ".steps"));
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

  /**
   * A container's env: its values after substitution (local engine: /tekton/results as the local directory), each
   * with $(VAR) of the ones before it expanded, as Kubernetes does.
   */
  private Map<String, String> env(List<EnvVar> env, Substitution vars, String where, Path localResults) {
    Map<String, String> out = new LinkedHashMap<>();
    if (ctx.kubeconfig() != null) {
      out.put("KUBECONFIG", ctx.podman() == null ? ctx.kubeconfig().toString() : KUBECONFIG_IN_POD);
    }
    for (EnvVar e : Objects.requireNonNullElse(env, List.<EnvVar>of())) {
      if (e.getValue() != null) {
        String value = vars.apply(e.getValue(), where);
        value = KubeEnv.expand(localResults == null ? value : value.replace(TEKTON_RESULTS, localResults.toString()),
            out);
        out.put(e.getName(), value);
      }
      // valueFrom (secrets, field refs) has no local source: left unset, as an optional secret would be
    }
    return out;
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
