package io.aiops.catalog.contract.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.contract.rbac.Grants.Grant;
import io.aiops.catalog.contract.rbac.ShippedRuns.TaskUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * RBAC exactly enough, proven by the calls: each shipped run's account is granted every request its Tasks' stories
 * recorded in the modes that run uses, and every verb bound to an account is used by some request of a Task that
 * account runs (in any mode of it) at the binding's scope. What no story can record is listed here with its source:
 * the kubectl of a hub task's script and of our CronJobs.
 */
public final class RbacCheck {
  /** Calls of hub tasks we reference, from the script we give them (no story can record a hub task). */
  static final Map<String, List<ApiAccess>> HUB_CALLS = Map.of(
      "git-clone", List.of(),
      "github-set-status", List.of()); // its token comes from a secretKeyRef env: the kubelet reads it

  /** Roles we bind but do not define, and what they are for. */
  static final Map<String, String> EXTERNAL_ROLES = Map.of(
      "ClusterRole/system:openshift:scc:nonroot-v2", "OpenShift: use of the nonroot-v2 SCC (hub git-clone's UID)",
      "ClusterRole/cluster-monitoring-view", "OpenShift: the Thanos querier's token check (notebook-train's fetch)",
      "ClusterRole/tekton-triggers-eventlistener-roles", "Tekton Triggers: the EventListener's namespaced rights",
      "ClusterRole/tekton-triggers-eventlistener-clusterroles", "Tekton Triggers: the EventListener's cluster rights");

  private RbacCheck() {}

  public static List<String> problems(List<ShippedYaml.Document> docs, Recordings recordings) {
    List<String> problems = new ArrayList<>();
    for (String step : recordings.missing) {
      problems.add("no API request recording for " + step + " (steps/" + step + "/target/api-requests/ is empty: "
          + "its tests did not run): ./mvnw -B verify -pl steps/" + step + " -am, then run this test again");
    }
    if (!problems.isEmpty()) {
      return problems; // without every recording, a grant would look unused only for want of its story
    }
    Grants grants = new Grants(docs);
    Map<String, Set<ApiAccess>> usedBy = new TreeMap<>(); // account -> every access of any mode of its Tasks
    for (TaskUse use : ShippedRuns.of(docs)) {
      List<ApiAccess> needed = new ArrayList<>();
      List<ApiAccess> possible = new ArrayList<>();
      String what = use.task() + (use.pipelineTask().isEmpty() ? "" : " (pipeline task " + use.pipelineTask() + ")");
      if (use.task().startsWith("hub:")) {
        List<ApiAccess> calls = HUB_CALLS.get(use.task().substring(4));
        if (calls == null) {
          problems.add(use.run() + ": " + what + ": the API calls of this hub task are not known; add them to "
              + "RbacCheck.HUB_CALLS from its script");
          continue;
        }
        needed.addAll(calls);
        possible.addAll(calls);
      } else {
        Map<String, List<ApiAccess>> modes = recordings.byStep.getOrDefault(use.task(), Map.of());
        for (String mode : use.modes()) {
          if (!modes.containsKey(mode) && !recordings.missing.contains(use.task())) {
            problems.add(use.run() + ": " + what + " runs in mode " + mode + ", which no mock-server story records "
                + "(tag a story @Tag(\"mode:" + mode + "\"))");
          }
          needed.addAll(modes.getOrDefault(mode, List.of()));
        }
        modes.values().forEach(possible::addAll);
      }
      if (needed.isEmpty()) {
        continue;
      }
      if (use.account() == null) {
        problems.add(use.run() + ": " + what + " calls the API but the run names no ServiceAccount (it would run "
            + "as the namespace's default, or OpenShift Pipelines' pipeline): set taskRunTemplate.serviceAccountName "
            + "(or the TaskRun's serviceAccountName) and ship its RBAC");
        continue;
      }
      if (!grants.shipsAccount(use.account())) {
        problems.add(use.run() + ": " + what + " runs as ServiceAccount " + use.account()
            + ", which nothing in tekton/ creates");
      }
      usedBy.computeIfAbsent(use.account(), a -> new LinkedHashSet<>()).addAll(possible);
      Set<String> said = new LinkedHashSet<>();
      for (ApiAccess access : needed) {
        if (grants.of(use.account()).stream().noneMatch(g -> g.allows(access))) {
          said.add(use.run() + ": " + what + " runs as " + use.account() + ", which may not " + access
              + " (recorded by " + access.story() + ")");
        }
      }
      problems.addAll(said);
    }
    cronJobCalls(docs).forEach((account, calls) -> {
      usedBy.computeIfAbsent(account, a -> new LinkedHashSet<>()).addAll(calls);
      for (ApiAccess access : calls) {
        if (grants.of(account).stream().noneMatch(g -> g.allows(access))) {
          problems.add("CronJob account " + account + " may not " + access + " (" + access.story() + ")");
        }
      }
    });
    for (String account : grants.boundAccounts()) {
      Set<ApiAccess> used = usedBy.getOrDefault(account, Set.of());
      for (Grant grant : grants.of(account)) {
        // a ClusterRoleBinding is used only by what needs it: a cluster-scoped kind or a list across namespaces
        if (used.stream().noneMatch(a -> grant.allows(a) && (!grant.clusterWide() || a.clusterWide()))) {
          problems.add("ServiceAccount " + account + " is granted " + grant + ", which no recorded request of a "
              + "Task it runs uses" + (used.stream().anyMatch(grant::allows)
              ? " at cluster scope: bind it with a RoleBinding" : ": remove it"));
        }
      }
      for (Grants.ExternalRole role : grants.externalOf(account)) {
        if (!EXTERNAL_ROLES.containsKey(role.kind() + "/" + role.name())) {
          problems.add(role.file() + ": ServiceAccount " + account + " is bound to " + role.kind() + " "
              + role.name() + ", which the catalog does not define nor list in RbacCheck.EXTERNAL_ROLES");
        }
      }
    }
    for (ShippedYaml.Document d : docs) {
      if (d.kind().equals("EventListener")) {
        String account = d.tree().path("spec").path("serviceAccountName").asText();
        Set<String> bound = new LinkedHashSet<>();
        grants.externalOf(account).forEach(r -> bound.add(r.name()));
        if (!grants.shipsAccount(account) || !bound.contains("tekton-triggers-eventlistener-roles")
            || !bound.contains("tekton-triggers-eventlistener-clusterroles")) {
          problems.add(d.where() + ": EventListener " + d.name() + " runs as " + account + ", which must be a "
              + "ServiceAccount we ship bound to tekton-triggers-eventlistener-roles (RoleBinding) and "
              + "tekton-triggers-eventlistener-clusterroles (ClusterRoleBinding)");
        }
      }
      if (d.within().isEmpty() && (d.kind().endsWith("Binding") || d.kind().endsWith("Role")
          || d.kind().equals("ServiceAccount")) && d.tree().path("metadata").has("namespace")) {
        problems.add(d.where() + ": " + d.kind() + " " + d.name() + " hard-codes namespace "
            + d.tree().path("metadata").path("namespace").asText() + ": leave it to kubectl apply -n NS");
      }
      for (JsonNode s : d.tree().path("subjects")) {
        if (s.has("namespace")) {
          problems.add(d.where() + ": " + d.kind() + " " + d.name() + " hard-codes the subject namespace "
              + s.path("namespace").asText() + ": document the one command that makes it "
              + "(kubectl create clusterrolebinding ... --serviceaccount=NS:NAME) instead");
        }
      }
    }
    return problems;
  }

  /** What each CronJob's account does: {@code kubectl create -f} of the runs in the ConfigMap it mounts. */
  static Map<String, List<ApiAccess>> cronJobCalls(List<ShippedYaml.Document> docs) {
    Map<String, List<ApiAccess>> calls = new HashMap<>();
    for (ShippedYaml.Document d : docs) {
      if (!d.kind().equals("CronJob") || !d.within().isEmpty()) {
        continue;
      }
      JsonNode pod = d.tree().path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      String account = pod.path("serviceAccountName").asText();
      Map<String, String> mounts = new HashMap<>(); // mountPath -> ConfigMap
      Map<String, String> volumes = new HashMap<>();
      pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v.path("configMap").path("name").asText()));
      for (JsonNode c : pod.path("containers")) {
        c.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(),
            volumes.get(m.path("name").asText())));
        List<String> line = new ArrayList<>();
        c.path("command").forEach(a -> line.add(a.asText()));
        c.path("args").forEach(a -> line.add(a.asText()));
        int f = line.indexOf("-f");
        if (!line.contains("create") || f < 0 || f + 1 >= line.size()) {
          continue;
        }
        String file = line.get(f + 1);
        String dir = file.substring(0, file.lastIndexOf('/'));
        String key = file.substring(file.lastIndexOf('/') + 1);
        String within = "ConfigMap " + mounts.get(dir) + ", " + key;
        for (ShippedYaml.Document run : docs) {
          if (run.file().getParent().equals(d.file().getParent()) && run.within().equals(within)) {
            String plural = run.kind().toLowerCase() + "s";
            calls.computeIfAbsent(account, a -> new ArrayList<>()).add(new ApiAccess(
                run.tree().path("apiVersion").asText().split("/")[0], plural, "create", "ns",
                "kubectl create -f " + file + " in CronJob " + d.name()));
          }
        }
      }
    }
    return calls;
  }
}
