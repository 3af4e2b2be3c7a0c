package io.aiops.catalog.runner;

import io.aiops.catalog.runner.PipelinePlan.Node;
import io.aiops.catalog.runner.TaskOutcome.Status;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.WhenExpression;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan's tasks in DAG order, independent ones in parallel; honours when, timeout, retries and finally.
 * After the first failure no new task starts, running ones finish, finally tasks still run, and that first
 * failure stays the reported cause.
 */
final class PipelineExecutor {
  private final PipelinePlan plan;
  private final TaskRunner runner;
  private final Map<String, String> params;
  private final Map<String, Path> workspaces;
  private final String runName;
  private final StepLog log;
  private final int parallelism;
  private final Map<String, TaskOutcome> outcomes = new LinkedHashMap<>();
  private TaskOutcome firstFailure;

  PipelineExecutor(PipelinePlan plan, TaskRunner runner, Map<String, String> params, Map<String, Path> workspaces,
      String runName, StepLog log, int parallelism) {
    this.plan = plan;
    this.runner = runner;
    this.params = params;
    this.workspaces = workspaces;
    this.runName = runName;
    this.log = log;
    this.parallelism = parallelism;
  }

  Map<String, TaskOutcome> outcomes() {
    return outcomes;
  }

  TaskOutcome firstFailure() {
    return firstFailure;
  }

  void run() {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      runAll(plan.nodes.values().stream().filter(n -> !n.isFinally()).toList(), pool);
      runAll(plan.nodes.values().stream().filter(Node::isFinally).toList(), pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private void runAll(List<Node> nodes, ExecutorService pool) {
    ExecutorCompletionService<TaskOutcome> done = new ExecutorCompletionService<>(pool);
    List<Node> pending = new ArrayList<>(nodes);
    int running = 0;
    boolean isFinally = !nodes.isEmpty() && nodes.get(0).isFinally();
    while (!pending.isEmpty() || running > 0) {
      if (firstFailure != null && !isFinally) {
        for (Node n : pending) {
          record(new TaskOutcome(n.name(), Status.NOT_RUN, "not started: " + firstFailure.task() + " failed first",
              null, Duration.ZERO, Map.of(), List.of()));
        }
        pending.clear();
      }
      for (Node n : new ArrayList<>(pending)) {
        if (!n.after().stream().allMatch(outcomes::containsKey)) {
          continue;
        }
        pending.remove(n);
        TaskOutcome skip = skipReason(n);
        if (skip != null) {
          record(skip);
          continue;
        }
        Map<String, String> taskParams = taskParams(n);
        log.info("%-22s running", n.name());
        done.submit(() -> attempt(n, taskParams));
        running++;
      }
      if (running == 0) {
        if (!pending.isEmpty()) {
          throw new IllegalStateException("no runnable task among " + pending.stream().map(Node::name).toList());
        }
        break;
      }
      try {
        Future<TaskOutcome> f = done.take();
        running--;
        record(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw StepException.usage("interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private TaskOutcome attempt(Node n, Map<String, String> taskParams) {
    int retries = Objects.requireNonNullElse(n.task().getRetries(), 0);
    Duration timeout = n.task().getTimeout() == null ? null : n.task().getTimeout().getDuration();
    TaskOutcome outcome = null;
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i <= retries; i++) {
      outcome = runner.run(n.name(), n.view(), taskParams, taskWorkspaces(n), timeout);
      dirs.addAll(outcome.artifactDirs());
      outcome = new TaskOutcome(outcome.task(), outcome.status(), outcome.reason(), outcome.startedAt(),
          outcome.duration(), outcome.results(), List.copyOf(dirs));
      if (outcome.status() != Status.FAILED) {
        break;
      }
      if (i < retries) {
        log.warn("%-22s failed (%s), retry %d/%d", n.name(), outcome.reason(), i + 1, retries);
      }
    }
    return outcome;
  }

  private synchronized void record(TaskOutcome o) {
    outcomes.put(o.task(), o);
    switch (o.status()) {
      case SUCCEEDED -> log.info("%-22s done in %.1fs", o.task(), o.duration().toMillis() / 1000.0);
      case FAILED -> log.error("%-22s failed in %.1fs: %s", o.task(), o.duration().toMillis() / 1000.0, o.reason());
      case SKIPPED -> log.info("%-22s skipped: %s", o.task(), o.reason());
      case NOT_RUN -> log.info("%-22s not run: %s", o.task(), o.reason());
    }
    if (o.status() == Status.FAILED && firstFailure == null) {
      firstFailure = o;
    }
  }

  /** Tasks whose inputs cannot exist (a result of a task that did not succeed) or whose when is false. */
  private TaskOutcome skipReason(Node n) {
    if (n.remoteRef() != null) {
      boolean fills = n.task().getWorkspaces() != null && !n.task().getWorkspaces().isEmpty();
      return new TaskOutcome(n.name(), Status.SKIPPED, n.remoteRef() + " is resolved by the cluster, not run on "
          + "this machine" + (fills ? " (the workspace it fills: give it with --checkout or -w)" : ""), null,
          Duration.ZERO, Map.of(), List.of());
    }
    for (String dep : n.after()) {
      TaskOutcome d = outcomes.get(dep);
      boolean usesResults = paramsText(n).contains("$(tasks." + dep + ".results.");
      if (!d.succeeded() && (usesResults || !n.isFinally() && d.status() != Status.SKIPPED)) {
        return new TaskOutcome(n.name(), Status.SKIPPED, "needs " + dep + ", which " + d.status().name()
            .toLowerCase().replace('_', ' '), null, Duration.ZERO, Map.of(), List.of());
      }
    }
    Substitution vars = pipelineVariables();
    for (WhenExpression w : Objects.requireNonNullElse(n.task().getWhen(), List.<WhenExpression>of())) {
      String input = vars.apply(w.getInput(), "task " + n.name() + " when");
      List<String> values = vars.applyAll(w.getValues(), "task " + n.name() + " when");
      boolean in = values.contains(input);
      boolean pass = "notin".equals(w.getOperator()) ? !in : in;
      if (!pass) {
        return new TaskOutcome(n.name(), Status.SKIPPED, "when '" + input + "' " + w.getOperator() + " " + values
            + " is false", null, Duration.ZERO, Map.of(), List.of());
      }
    }
    return null;
  }

  private String paramsText(Node n) {
    StringBuilder s = new StringBuilder();
    Objects.requireNonNullElse(n.task().getParams(), List.<Param>of()).forEach(p -> s.append(p.getValue()));
    return s.toString();
  }

  private Map<String, String> taskParams(Node n) {
    Substitution vars = pipelineVariables();
    Map<String, String> out = new HashMap<>();
    if (n.task().getTaskSpec() != null) {
      out.putAll(params); // propagated to embedded specs
    }
    for (Param p : Objects.requireNonNullElse(n.task().getParams(), List.<Param>of())) {
      if (p.getValue() != null && p.getValue().getStringVal() != null) {
        out.put(p.getName(), vars.apply(p.getValue().getStringVal(), "task " + n.name() + " param " + p.getName()));
      }
    }
    return out;
  }

  private synchronized Substitution pipelineVariables() {
    Map<String, String> values = new HashMap<>();
    params.forEach((k, v) -> values.put("params." + k, v));
    values.put("context.pipelineRun.name", runName);
    values.put("context.pipelineRun.namespace", "default");
    values.put("context.pipeline.name", plan.pipeline.getMetadata().getName());
    boolean anyFailed = outcomes.values().stream().anyMatch(o -> o.status() == Status.FAILED);
    values.put("tasks.status", anyFailed ? "Failed" : "Succeeded");
    outcomes.forEach((name, o) -> {
      values.put("tasks." + name + ".status", switch (o.status()) {
        case SUCCEEDED -> "Succeeded";
        case FAILED -> "Failed";
        default -> "None";
      });
      o.results().forEach((r, v) -> values.put("tasks." + name + ".results." + r, v));
    });
    return new Substitution(values, Map.of());
  }

  private Map<String, Path> taskWorkspaces(Node n) {
    Map<String, Path> out = new HashMap<>();
    for (var b : Objects.requireNonNullElse(n.task().getWorkspaces(),
        List.<io.fabric8.tekton.v1.WorkspacePipelineTaskBinding>of())) {
      Path dir = workspaces.get(b.getWorkspace());
      if (dir != null) {
        // Tekton substitutes params and context in a pipeline task's subPath and creates the directory
        out.put(b.getName(), b.getSubPath() == null ? dir : createdUnder(dir,
            pipelineVariables().apply(b.getSubPath(), "workspace " + b.getName() + " subPath")));
      }
    }
    return out;
  }

  private static Path createdUnder(Path dir, String subPath) {
    Path sub = dir.resolve(subPath).normalize();
    if (!sub.startsWith(dir)) {
      throw StepException.usage("subPath " + subPath + " leaves its workspace: give a path inside it");
    }
    try {
      return Files.createDirectories(sub);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
