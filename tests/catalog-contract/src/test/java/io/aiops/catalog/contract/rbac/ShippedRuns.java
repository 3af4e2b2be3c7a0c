package io.aiops.catalog.contract.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of our Tasks each shipped run starts, as which ServiceAccount, in which modes: TaskRuns and PipelineRuns in
 * samples/, in a CronJob's ConfigMap, in a TriggerTemplate or a Pipelines-as-Code file. A PipelineRun's account is
 * its taskRunSpecs entry for the pipeline task, else its taskRunTemplate's; none is the namespace's {@code default}.
 */
public final class ShippedRuns {
  /** One Task of one run. {@code account} is null when the run names none. */
  public record TaskUse(String task, String pipelineTask, String account, Set<String> modes, String run) {}

  private static final Pattern PARAM = Pattern.compile("\\$\\(params\\.([A-Za-z0-9_.-]+)\\)");

  /**
   * The modes in which a Task reaches the API, from its resolved params (the mode names the stories record). A
   * Task not listed makes no API call.
   */
  static final Map<String, Function<Function<String, String>, Set<String>>> MODES = Map.of(
      "gpu-deadlock", p -> {
        Set<String> modes = new LinkedHashSet<>();
        modes.add(p.apply("mode").equals("fix") ? "fix" : "check");
        if (p.apply("all-namespaces").equals("true")) {
          modes.add("check-all-namespaces");
        }
        return modes;
      },
      "gpu-preflight", p -> Set.of("run"),
      "model-validate", p -> p.apply("promote-from").isEmpty() ? Set.of("validate") : Set.of("promote"),
      "accuracy-gate", p -> {
        Set<String> modes = new LinkedHashSet<>();
        if (!p.apply("annotate").isEmpty()) {
          modes.add("annotate");
        }
        if (!p.apply("deploy-manifest").isEmpty()) {
          modes.add("deploy");
        }
        if (!p.apply("bars-configmap").isEmpty()) {
          modes.add("bars");
        }
        return modes;
      },
      "metrics-backup", p -> p.apply("service-url").isEmpty() ? Set.of("discover") : Set.of(),
      "metrics-restore", p -> p.apply("service-url").isEmpty() ? Set.of("discover") : Set.of());

  private ShippedRuns() {}

  public static List<TaskUse> of(List<ShippedYaml.Document> docs) {
    Map<String, JsonNode> tasks = new HashMap<>();
    Map<String, JsonNode> pipelines = new HashMap<>();
    for (ShippedYaml.Document d : docs) {
      if (d.within().isEmpty() && d.kind().equals("Task")) {
        tasks.put(d.name(), d.tree());
      } else if (d.within().isEmpty() && d.kind().equals("Pipeline")) {
        pipelines.put(d.name(), d.tree());
      }
    }
    List<TaskUse> uses = new ArrayList<>();
    for (ShippedYaml.Document d : docs) {
      JsonNode spec = d.tree().path("spec");
      Map<String, String> runParams = params(spec.path("params"), "value");
      if (d.kind().equals("TaskRun")) {
        String task = spec.path("taskRef").path("name").asText();
        if (tasks.containsKey(task)) {
          uses.add(use(task, "", account(spec.path("serviceAccountName")), tasks.get(task), runParams,
              d.where()));
        }
      } else if (d.kind().equals("PipelineRun")) {
        JsonNode pipeline = spec.has("pipelineSpec") ? d.tree()
            : pipelines.get(spec.path("pipelineRef").path("name").asText());
        if (pipeline == null) {
          throw new IllegalStateException(d.where() + ": PipelineRun of an unknown Pipeline "
              + spec.path("pipelineRef"));
        }
        JsonNode pspec = spec.has("pipelineSpec") ? spec.path("pipelineSpec") : pipeline.path("spec");
        Map<String, String> pipelineDefaults = params(pspec.path("params"), "default");
        String template = account(spec.path("taskRunTemplate").path("serviceAccountName"));
        Map<String, String> perTask = new HashMap<>();
        for (JsonNode s : spec.path("taskRunSpecs")) {
          perTask.put(s.path("pipelineTaskName").asText(), account(s.path("serviceAccountName")));
        }
        List<JsonNode> pipelineTasks = new ArrayList<>();
        pspec.path("tasks").forEach(pipelineTasks::add);
        pspec.path("finally").forEach(pipelineTasks::add);
        for (JsonNode pt : pipelineTasks) {
          String task = pt.path("taskRef").path("name").asText();
          String name = pt.path("name").asText();
          if (!tasks.containsKey(task)) {
            String hub = hubTask(pt.path("taskRef"));
            if (hub != null) {
              uses.add(new TaskUse("hub:" + hub, name, perTask.getOrDefault(name, template), Set.of(), d.where()));
            }
            continue;
          }
          Map<String, String> given = new HashMap<>();
          params(pt.path("params"), "value").forEach((k, v) -> given.put(k, resolve(v, runParams,
              pipelineDefaults)));
          uses.add(use(task, name, perTask.getOrDefault(name, template), tasks.get(task), given, d.where()));
        }
      }
    }
    return uses;
  }

  private static TaskUse use(String task, String pipelineTask, String account, JsonNode taskDoc,
      Map<String, String> given, String run) {
    Map<String, String> defaults = params(taskDoc.path("spec").path("params"), "default");
    Function<String, String> param = n -> given.containsKey(n) ? given.get(n) : defaults.getOrDefault(n, "");
    Set<String> modes = MODES.getOrDefault(task, p -> Set.of()).apply(param);
    return new TaskUse(task, pipelineTask, account, modes, run);
  }

  /** A $(params.x) of the Pipeline: the run's value, else the Pipeline's default; other references stay as they are. */
  private static String resolve(String value, Map<String, String> run, Map<String, String> defaults) {
    Matcher m = PARAM.matcher(value);
    if (m.matches()) {
      String n = m.group(1);
      return run.containsKey(n) ? run.get(n) : defaults.getOrDefault(n, "");
    }
    return value;
  }

  /** The name of a hub task (resolver hub, param name), or null. */
  private static String hubTask(JsonNode taskRef) {
    if (!taskRef.path("resolver").asText().equals("hub")) {
      return null;
    }
    for (JsonNode p : taskRef.path("params")) {
      if (p.path("name").asText().equals("name")) {
        return p.path("value").asText();
      }
    }
    return null;
  }

  private static Map<String, String> params(JsonNode list, String field) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode p : list) {
      if (p.has(field)) {
        out.put(p.path("name").asText(), p.path(field).isTextual() ? p.path(field).asText()
            : p.path(field).toString());
      }
    }
    return out;
  }

  private static String account(JsonNode name) {
    return name.isMissingNode() || name.asText().isEmpty() ? null : name.asText();
  }
}
