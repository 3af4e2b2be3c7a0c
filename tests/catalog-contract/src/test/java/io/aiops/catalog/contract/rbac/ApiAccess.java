package io.aiops.catalog.contract.rbac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One Kubernetes API request as RBAC sees it: API group, resource (with its subresource, "pods/log"), verb and
 * namespace (null for a cluster-scoped resource or a list across all namespaces, which only a ClusterRoleBinding
 * grants). The mapping is the API server's request-info resolution (k8s.io/apiserver
 * pkg/endpoints/request/requestinfo.go): GET of a name is get, of a collection list (watch with watch=true), POST
 * create, PUT update, PATCH patch, DELETE of a name delete, of a collection deletecollection.
 */
public record ApiAccess(String group, String resource, String verb, String namespace, String story) {

  public boolean clusterWide() {
    return namespace == null;
  }

  /** Empty for discovery and other non-resource paths (/api, /apis, /version), which every account may read. */
  public static Optional<ApiAccess> of(String method, String path, String query, String story) {
    List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
    String group;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      parts = parts.subList(2, parts.size());
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      parts = parts.subList(3, parts.size());
    } else {
      return Optional.empty();
    }
    boolean watchPath = !parts.isEmpty() && parts.get(0).equals("watch"); // the deprecated /watch/ prefix
    if (watchPath) {
      parts = parts.subList(1, parts.size());
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String namespace = null;
    if (parts.get(0).equals("namespaces") && parts.size() >= 3) {
      namespace = parts.get(1);
      parts = parts.subList(2, parts.size());
    }
    String resource = parts.get(0);
    String name = parts.size() > 1 ? parts.get(1) : null;
    if (parts.size() > 2) {
      resource += "/" + parts.get(2);
    }
    boolean watch = watchPath || Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true")
        || p.equals("watch=1"));
    String verb = switch (method) {
      case "GET", "HEAD" -> name != null ? (watch ? "watch" : "get") : (watch ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name != null ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unknown HTTP method " + method + " of " + path);
    };
    return Optional.of(new ApiAccess(group, resource, verb, namespace, story));
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
        + (namespace == null ? " (cluster-wide)" : " in a namespace");
  }
}
