package io.aiops.catalog.runner.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.runner.yaml.TektonYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a default cluster ({@link Baseline}) refuses or fails, checked over the YAML we ship before anything runs.
 * One method a rule; each adds what it finds, with the file and line. Used by the contract tests and by
 * {@code catalog run}.
 */
public final class AdmissionRules {
  public static final String GATED = "gated-field";
  public static final String SUBSTITUTION = "no-substitution-here";
  public static final String SCRIPT = "param-reaches-script";
  public static final String COSCHEDULE = "coschedule-workspaces";
  public static final String RESTRICTED = "restricted-v2";
  public static final String ROOT_IMAGE = "root-image";
  public static final String RESULTS = "results-budget";
  public static final List<String> ALL = List.of(GATED, SUBSTITUTION, SCRIPT, COSCHEDULE, RESTRICTED, ROOT_IMAGE,
      RESULTS);

  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
  private static final Set<String> POD_KINDS = Set.of("CronJob", "Job", "Deployment", "StatefulSet", "DaemonSet",
      "Pod");

  private final List<Manifest> all;
  private final Map<String, Manifest> pipelines = new HashMap<>();

  public AdmissionRules(List<Manifest> all) {
    this.all = all;
    all.stream().filter(m -> m.isTekton() && m.kind().equals("Pipeline")).forEach(m -> pipelines.put(m.name(), m));
  }

  /** Every YAML under tekton/ (samples, triggers and the runs they embed included). */
  public static List<Manifest> load(Path root) {
    try (Stream<Path> files = Files.walk(root.resolve("tekton"))) {
      List<Manifest> out = new ArrayList<>();
      files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .forEach(f -> out.addAll(Manifest.load(f)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Finding> check() {
    List<Finding> out = new ArrayList<>();
    all.forEach(m -> out.addAll(check(m)));
    return out;
  }

  public List<Finding> check(Manifest m) {
    List<Finding> out = new ArrayList<>();
    gatedFields(m, out);
    substitution(m, out);
    scripts(m, out);
    coschedule(m, out);
    restricted(m, out);
    rootImages(m, out);
    resultsBudget(m, out);
    return out;
  }

  /** Fields the webhook refuses under enable-api-fields: beta with the other flags at their defaults. */
  void gatedFields(Manifest m, List<Finding> out) {
    if (!tektonish(m)) {
      return;
    }
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      String key = last(path, 1);
      for (Baseline.GatedField g : Baseline.GATED_FIELDS) {
        boolean under = g.parentKey().equals("spec") ? path.size() >= 2 && last(path, 2).equals("spec")
            && m.kind().equals("TaskRun") : last(path, 3).equals(g.parentKey());
        if (key.equals(g.key()) && under) {
          out.add(finding(m, GATED, ptr, key + " needs " + g.needs() + " (Tekton " + Baseline.TEKTON_TAG + " "
              + g.upstream() + "); the baseline is enable-api-fields: " + Baseline.ENABLE_API_FIELDS));
        }
      }
      if (key.equals("script") && node.isTextual() && node.asText().strip().startsWith(Baseline.WINDOWS_SCRIPT)) {
        out.add(finding(m, GATED, ptr, "a #!win script needs enable-api-fields: alpha (task_validation.go)"));
      }
      if (key.equals("resolver") && node.isTextual() && !node.asText().contains("$(")
          && !Baseline.DEFAULT_RESOLVERS.contains(node.asText())) {
        out.add(finding(m, GATED, ptr, "resolver " + node.asText() + " is off by default (on: "
            + Baseline.DEFAULT_RESOLVERS + ", config/resolvers/config-feature-flags.yaml)"));
      }
      if ((key.equals("taskRef") || key.equals("pipelineRef")) && node.path("name").asText().contains("://")) {
        out.add(finding(m, GATED, ptr, "concise resolver syntax needs enable-concise-resolver-syntax: true "
            + "(container_validation.go)"));
      }
    });
  }

  /** $(...) where Tekton substitutes nothing: the object does not even decode, or a name must be a DNS label. */
  void substitution(Manifest m, List<Finding> out) {
    if (!tektonish(m)) {
      return;
    }
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      if (!node.isTextual() || !substituted(m, node.asText())) {
        return;
      }
      String key = last(path, 1);
      String parent = last(path, 2);
      if ((parent.equals("requests") || parent.equals("limits")) && (path.contains("computeResources")
          || path.contains("resources"))) {
        out.add(finding(m, SUBSTITUTION, ptr, "resource quantity " + key + ": " + node.asText() + " is not a "
            + "quantity; Tekton substitutes no param there and the webhook cannot decode it "
            + "(k8s.io/apimachinery resource.ParseQuantity): give a literal, or pass the param to a Task param"));
      } else if (key.equals("name") && Set.of("steps", "sidecars", "tasks", "finally").contains(last(path, 3))) {
        out.add(finding(m, SUBSTITUTION, ptr, "a " + last(path, 3) + " name must be a DNS label, not " + node.asText()
            + " (task_validation.go / pipeline_validation.go IsDNS1123Label)"));
      } else if (key.equals("name") && path.size() == 2 && parent.equals("metadata")) {
        out.add(finding(m, SUBSTITUTION, ptr, "metadata.name is not substituted: " + node.asText()));
      } else if (key.equals("timeout") && Set.of("steps", "tasks", "finally").contains(last(path, 3))) {
        out.add(finding(m, SUBSTITUTION, ptr, "timeout must be a duration, not " + node.asText()
            + " (metav1.Duration does not decode it)"));
      }
    });
  }

  /** A param or result that reaches a shell script: ours, an sh -c in command/args, or a hub task's script param. */
  void scripts(Manifest m, List<Finding> out) {
    if (!tektonish(m)) {
      return;
    }
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      String key = last(path, 1);
      boolean inStep = Set.of("steps", "sidecars").contains(last(path, 3)) || last(path, 2).equals("stepTemplate");
      if (inStep && key.equals("script") && node.isTextual() && interpolates(node.asText())) {
        out.add(finding(m, SCRIPT, ptr, "script interpolates " + refs(node.asText()) + ": pass it as an arg or an "
            + "env var and quote it in the script (\"$VAR\")"));
      }
      if (Set.of("steps", "sidecars").contains(last(path, 2)) && node.isObject()) {
        List<String> line = new ArrayList<>();
        node.path("command").forEach(c -> line.add(c.asText()));
        node.path("args").forEach(a -> line.add(a.asText()));
        if (!line.isEmpty() && SHELLS.contains(line.get(0).substring(line.get(0).lastIndexOf('/') + 1))) {
          int c = line.indexOf("-c");
          if (c >= 0 && c + 1 < line.size() && interpolates(line.get(c + 1))) {
            out.add(finding(m, SCRIPT, ptr, "the shell script after -c interpolates " + refs(line.get(c + 1))
                + ": pass values as the script's positional args or env"));
          }
        }
      }
      if (Set.of("tasks", "finally").contains(last(path, 2)) && node.isObject() && node.has("taskRef")) {
        hubTask(node.path("taskRef")).ifPresent(hub -> {
          Set<String> scriptParams = Baseline.HUB_SCRIPT_PARAMS.get(hub);
          if (scriptParams == null) {
            out.add(finding(m, SCRIPT, ptr + "/taskRef", "hub task " + hub + " is not in the table of hub tasks "
                + "read for params that reach a script: read its YAML and add it to Baseline.HUB_SCRIPT_PARAMS"));
            return;
          }
          int i = 0;
          for (JsonNode p : node.path("params")) {
            String value = p.path("value").isTextual() ? p.path("value").asText() : p.path("value").toString();
            if (scriptParams.contains(p.path("name").asText()) && interpolates(value)) {
              out.add(finding(m, SCRIPT, ptr + "/params/" + i, "param " + p.path("name").asText() + " of hub task "
                  + hub + " reaches its script, and this value interpolates " + refs(value)
                  + ": use a typed step that takes them as args"));
            }
            i++;
          }
        });
      }
    });
  }

  /** coschedule: workspaces (pkg/workspace/validate.go ValidateOnlyOnePVCIsUsed): one PVC per TaskRun. */
  void coschedule(Manifest m, List<Finding> out) {
    for (var run : runs(m)) {
      String ptr = run.getKey();
      JsonNode spec = run.getValue().path("spec");
      Map<String, String> claims = new HashMap<>();
      for (JsonNode w : spec.path("workspaces")) {
        if (w.has("persistentVolumeClaim")) {
          claims.put(w.path("name").asText(), "PVC " + w.path("persistentVolumeClaim").path("claimName").asText());
        } else if (w.has("volumeClaimTemplate")) {
          claims.put(w.path("name").asText(), "volumeClaimTemplate of " + w.path("name").asText());
        }
      }
      String kind = run.getValue().path("kind").asText();
      if (kind.equals("TaskRun")) {
        Set<String> bound = new LinkedHashSet<>(claims.values());
        if (bound.size() > 1) {
          out.add(finding(m, COSCHEDULE, ptr + "/spec/workspaces", "this TaskRun binds " + bound + ": under "
              + "coschedule: workspaces a TaskRun may bind one PVC (\"more than one PersistentVolumeClaim is "
              + "bound\"); bind its workspaces to one claim with subPaths"));
        }
        continue;
      }
      JsonNode pipelineSpec = spec.has("pipelineSpec") ? spec.path("pipelineSpec")
          : pipelines.containsKey(spec.path("pipelineRef").path("name").asText())
              ? pipelines.get(spec.path("pipelineRef").path("name").asText()).tree().path("spec") : null;
      if (pipelineSpec == null) {
        continue;
      }
      for (String list : List.of("tasks", "finally")) {
        for (JsonNode task : pipelineSpec.path(list)) {
          Set<String> bound = new LinkedHashSet<>();
          for (JsonNode w : task.path("workspaces")) {
            String claim = claims.get(w.path("workspace").asText());
            if (claim != null) {
              bound.add(claim);
            }
          }
          if (bound.size() > 1) {
            out.add(finding(m, COSCHEDULE, ptr + "/spec/workspaces", "task " + task.path("name").asText() + " of "
                + "pipeline " + spec.path("pipelineRef").path("name").asText("(inline)") + " gets " + bound
                + " in one TaskRun: under coschedule: workspaces that TaskRun fails (\"more than one "
                + "PersistentVolumeClaim is bound\"); bind these workspaces to one claim with subPaths"));
          }
        }
      }
    }
  }

  /** restricted-v2 assigns the UID and groups: any fixed one, ours or a hub task's, is refused. */
  void restricted(Manifest m, List<Finding> out) {
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      String key = last(path, 1);
      if (Set.of("runAsUser", "runAsGroup", "fsGroup").contains(key) && !node.isObject()) {
        out.add(finding(m, RESTRICTED, ptr, key + ": " + node.asText() + " is fixed; OpenShift's restricted-v2 "
            + "SCC assigns it from the namespace's range and refuses any other: leave it unset"));
      }
      if (tektonish(m) && Set.of("tasks", "finally").contains(last(path, 2)) && node.isObject()) {
        hubTask(node.path("taskRef")).filter(Baseline.HUB_FIXED_UID::containsKey).ifPresent(hub -> {
          if (!shipsNonrootV2Binding(m.file().getParent())) {
            out.add(finding(m, RESTRICTED, ptr + "/taskRef", "hub task " + hub + " sets "
                + Baseline.HUB_FIXED_UID.get(hub) + ", which restricted-v2 refuses: ship a RoleBinding of the "
                + "run's service account to ClusterRole " + Baseline.NONROOT_V2_CLUSTER_ROLE + " beside the "
                + "Pipeline, or use a task that fixes no UID"));
          }
        });
      }
    });
  }

  /** Pods we ship outside Tekton: without a fixed UID, runAsNonRoot holds only for an image with a non-root USER. */
  void rootImages(Manifest m, List<Finding> out) {
    if (!POD_KINDS.contains(m.kind())) {
      return;
    }
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      if (Set.of("containers", "initContainers").contains(last(path, 2)) && node.isObject()) {
        String image = node.path("image").asText();
        boolean known = Baseline.NON_ROOT_IMAGES.keySet().stream().anyMatch(image::startsWith);
        if (!known) {
          out.add(finding(m, ROOT_IMAGE, ptr + "/image", "image " + image + " is not known to run as a numeric "
              + "non-root USER: under runAsNonRoot without runAsUser the kubelet refuses a root image (plain "
              + "Kubernetes); use one listed in Baseline.NON_ROOT_IMAGES (e.g. docker.io/bitnami/kubectl, USER 1001)"));
        }
      }
    });
  }

  /** All results of a Task, framed as the entrypoint frames them, must leave room for their values in 4096 bytes. */
  void resultsBudget(Manifest m, List<Finding> out) {
    if (!tektonish(m)) {
      return;
    }
    walk(m.tree(), "", new ArrayList<>(), (ptr, path, node) -> {
      boolean taskSpec = (m.kind().equals("Task") && ptr.equals("/spec")) || last(path, 1).equals("taskSpec");
      if (!taskSpec || !node.path("results").isArray()) {
        return;
      }
      List<String> names = new ArrayList<>();
      node.path("results").forEach(r -> names.add(r.path("name").asText()));
      int framing = ResultsBudget.framingBytes(names);
      if (framing + Baseline.MIN_VALUE_ROOM_BYTES > Baseline.TERMINATION_MESSAGE_BYTES) {
        out.add(finding(m, RESULTS, ptr + "/results", names.size() + " results take " + framing + " bytes of the "
            + Baseline.TERMINATION_MESSAGE_BYTES + "-byte termination message before any value (Tekton counts "
            + "every result of the Task in each step's message, pkg/termination/write.go), leaving less than "
            + Baseline.MIN_VALUE_ROOM_BYTES + " for the values: put large output in a workspace file"));
      }
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  interface Visitor {
    void visit(String pointer, List<String> path, JsonNode node);
  }

  static void walk(JsonNode node, String ptr, List<String> path, Visitor v) {
    v.visit(ptr, path, node);
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        path.add(e.getKey());
        walk(e.getValue(), ptr + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), path, v);
        path.remove(path.size() - 1);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(String.valueOf(i));
        walk(node.get(i), ptr + "/" + i, path, v);
        path.remove(path.size() - 1);
      }
    }
  }

  private static String last(List<String> path, int n) {
    return path.size() >= n ? path.get(path.size() - n) : "";
  }

  private static boolean tektonish(Manifest m) {
    return m.isTekton() || m.apiVersion().startsWith("triggers.tekton.dev/");
  }

  /** A $(...) Tekton would substitute; in a TriggerTemplate, $(tt.params.*) is filled in before the run exists. */
  private static boolean substituted(Manifest m, String value) {
    String v = m.kind().equals("TriggerTemplate") ? value.replaceAll("\\$\\(tt\\.[^)]*\\)", "") : value;
    return v.contains("$(");
  }

  /** Any substitution into a script except a result's own path, which Tekton fixes and no user controls. */
  private static boolean interpolates(String script) {
    return script.replaceAll("\\$\\(results\\.[A-Za-z0-9_-]+\\.path\\)", "").contains("$(");
  }

  private static String refs(String text) {
    Set<String> refs = new LinkedHashSet<>();
    var matcher = java.util.regex.Pattern.compile("\\$\\([^)]*\\)").matcher(text);
    while (matcher.find()) {
      refs.add(matcher.group());
    }
    return String.join(", ", refs);
  }

  /** name@version of a hub task a taskRef resolves, if it does. */
  static java.util.Optional<String> hubTask(JsonNode taskRef) {
    if (!taskRef.path("resolver").asText().equals("hub")) {
      return java.util.Optional.empty();
    }
    Map<String, String> p = new HashMap<>();
    taskRef.path("params").forEach(x -> p.put(x.path("name").asText(), x.path("value").asText()));
    return java.util.Optional.of(p.getOrDefault("name", "?") + "@" + p.getOrDefault("version", "?"));
  }

  /** The TaskRuns and PipelineRuns in a manifest: itself, or a TriggerTemplate's resource templates. */
  private static List<Map.Entry<String, JsonNode>> runs(Manifest m) {
    List<Map.Entry<String, JsonNode>> runs = new ArrayList<>();
    if (m.isTekton() && Set.of("TaskRun", "PipelineRun").contains(m.kind())) {
      runs.add(Map.entry("", m.tree()));
    }
    if (m.kind().equals("TriggerTemplate")) {
      JsonNode templates = m.tree().path("spec").path("resourcetemplates");
      for (int i = 0; i < templates.size(); i++) {
        if (Set.of("TaskRun", "PipelineRun").contains(templates.get(i).path("kind").asText())) {
          runs.add(Map.entry("/spec/resourcetemplates/" + i, templates.get(i)));
        }
      }
    }
    return runs;
  }

  private boolean shipsNonrootV2Binding(Path dir) {
    return all.stream().anyMatch(o -> o.file().getParent().equals(dir) && o.kind().equals("RoleBinding")
        && o.tree().path("roleRef").path("name").asText().equals(Baseline.NONROOT_V2_CLUSTER_ROLE));
  }

  private static Finding finding(Manifest m, String rule, String ptr, String message) {
    String where = m.embeddedIn() == null ? "" : " (in " + m.kind() + " embedded at " + m.embeddedIn() + ")";
    return new Finding(rule, m.file(), m.line(ptr), message + where);
  }

  static List<Manifest> loadFiles(List<Path> files) {
    List<Manifest> out = new ArrayList<>();
    files.forEach(f -> out.addAll(Manifest.load(f)));
    return out;
  }

}
