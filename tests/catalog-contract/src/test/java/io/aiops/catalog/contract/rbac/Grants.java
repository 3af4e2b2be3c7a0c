package io.aiops.catalog.contract.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RBAC the catalog ships: Roles and ClusterRoles by name, and what each ServiceAccount is bound to. Namespaces
 * are left out on purpose: nothing we ship names one (the binding is made in the namespace the user applies it to),
 * so a RoleBinding grants its rules in "a namespace" and a ClusterRoleBinding everywhere, cluster-scoped kinds too.
 */
public final class Grants {
  /** One verb on one resource, as bound to an account; {@code clusterWide} for a ClusterRoleBinding. */
  public record Grant(String group, String resource, String verb, boolean clusterWide, String role, Path file) {
    boolean allows(ApiAccess access) {
      return (group.equals("*") || group.equals(access.group()))
          && (resource.equals("*") || resource.equals(access.resource()))
          && (verb.equals("*") || verb.equals(access.verb()))
          && (clusterWide || !access.clusterWide());
    }

    @Override
    public String toString() {
      return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + " (" + role + (clusterWide
          ? ", ClusterRoleBinding" : ", RoleBinding") + ", " + file.getFileName() + ")";
    }
  }

  /** A role bound to an account that the catalog does not define (Tekton's, OpenShift's), with why it is needed. */
  public record ExternalRole(String kind, String name, String account, Path file) {}

  private record Role(String kind, String name, JsonNode rules, Path file) {}

  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, List<Grant>> byAccount = new HashMap<>();
  private final Map<String, List<ExternalRole>> external = new HashMap<>();
  private final Map<String, Path> accounts = new HashMap<>();

  /**
   * A binding made by the one command a README documents (a ClusterRoleBinding, or a RoleBinding across
   * namespaces, must name the account's namespace, which only the user knows):
   * {@code kubectl create clusterrolebinding NAME --clusterrole=ROLE --serviceaccount=NS:ACCOUNT}.
   */
  static final java.util.regex.Pattern DOCUMENTED_BINDING = java.util.regex.Pattern.compile(
      "kubectl create (clusterrolebinding|rolebinding) (\\S+)(?: -n \\S+)? --(clusterrole|role)=(\\S+) "
          + "--serviceaccount=[^:\\s]+:([a-z0-9-]+)");

  public Grants(List<ShippedYaml.Document> docs) {
    for (ShippedYaml.Document d : docs) {
      switch (d.kind()) {
        case "Role", "ClusterRole" -> roles.put(d.kind() + "/" + d.name(),
            new Role(d.kind(), d.name(), d.tree().path("rules"), d.file()));
        case "ServiceAccount" -> accounts.put(d.name(), d.file());
        default -> { }
      }
    }
    for (ShippedYaml.Document d : docs) {
      if (!d.kind().equals("RoleBinding") && !d.kind().equals("ClusterRoleBinding")) {
        continue;
      }
      JsonNode ref = d.tree().path("roleRef");
      for (JsonNode subject : d.tree().path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount")) {
          bind(d.kind().equals("ClusterRoleBinding"), ref.path("kind").asText(), ref.path("name").asText(),
              subject.path("name").asText(), d.file());
        }
      }
    }
    for (ShippedYaml.Document d : docs) {
      if (d.kind().equals("README")) {
        java.util.regex.Matcher m = DOCUMENTED_BINDING.matcher(d.tree().path("text").asText());
        while (m.find()) {
          bind(m.group(1).equals("clusterrolebinding"), m.group(3).equals("clusterrole") ? "ClusterRole" : "Role",
              m.group(4), m.group(5), d.file());
        }
      }
    }
  }

  private void bind(boolean clusterWide, String roleKind, String roleName, String account, Path file) {
    Role role = roles.get(roleKind + "/" + roleName);
    if (role == null) {
      external.computeIfAbsent(account, a -> new ArrayList<>())
          .add(new ExternalRole(roleKind, roleName, account, file));
      return;
    }
    for (JsonNode rule : role.rules()) {
      for (JsonNode g : rule.path("apiGroups")) {
        for (JsonNode r : rule.path("resources")) {
          for (JsonNode v : rule.path("verbs")) {
            byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(new Grant(g.asText(), r.asText(),
                v.asText(), clusterWide, role.kind() + " " + role.name(), file));
          }
        }
      }
    }
  }

  public List<Grant> of(String account) {
    return byAccount.getOrDefault(account, List.of());
  }

  public List<ExternalRole> externalOf(String account) {
    return external.getOrDefault(account, List.of());
  }

  public boolean shipsAccount(String account) {
    return accounts.containsKey(account);
  }

  /** Every account some binding names. */
  public java.util.Set<String> boundAccounts() {
    java.util.Set<String> all = new java.util.TreeSet<>(byAccount.keySet());
    all.addAll(external.keySet());
    return all;
  }
}
