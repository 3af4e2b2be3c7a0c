package io.aiops.catalog.step.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the URL of a service the way the field does: by label or by name, as an OpenShift Route (from outside
 * the cluster) or the in-cluster Service DNS name (from a pod, where it is the norm). Routes are read as generic
 * resources, so plain Kubernetes works too.
 */
public final class ServiceLocator {
  /** One way to look: a label selector {@code key=value}, or a name. */
  public record Lookup(String label, String name) {
    public static Lookup byLabel(String keyEqualsValue) {
      return new Lookup(keyEqualsValue, null);
    }

    public static Lookup byName(String name) {
      return new Lookup(null, name);
    }

    @Override
    public String toString() {
      return label != null ? "label " + label : "name " + name;
    }
  }

  /** What was found, and how (for the log). */
  public record Found(URI url, String how) {}

  // explicit, so no API discovery is needed (and a cluster without Routes simply has none)
  private static final ResourceDefinitionContext ROUTES = new ResourceDefinitionContext.Builder()
      .withGroup("route.openshift.io").withVersion("v1").withKind("Route").withPlural("routes").withNamespaced(true)
      .build();

  private final KubernetesClient client;
  private final boolean inCluster;

  public ServiceLocator(KubernetesClient client, boolean inCluster) {
    this.client = client;
    this.inCluster = inCluster;
  }

  /** True in a pod: the API server's env variables are set there. */
  public static boolean runningInPod() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null;
  }

  /** The namespace of the pod this runs in (its service account's), when in a pod. */
  public static Optional<String> podNamespace() {
    try {
      Path file = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
      return Files.isReadable(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Optional<Found> find(String namespace, List<Lookup> lookups) {
    for (Lookup lookup : lookups) {
      Optional<Found> route = inCluster ? Optional.empty() : route(namespace, lookup);
      Optional<Found> found = route.or(() -> service(namespace, lookup));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Found> route(String namespace, Lookup lookup) {
    var routes = client.genericKubernetesResources(ROUTES).inNamespace(namespace);
    List<GenericKubernetesResource> items;
    try {
      items = lookup.name() != null
          ? Optional.ofNullable(routes.withName(lookup.name()).get()).stream().toList()
          : routes.withLabelSelector(lookup.label()).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty(); // not OpenShift: no Route API
      }
      throw e;
    }
    return items.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName())).findFirst().map(r -> {
      Map<String, Object> spec = r.get("spec");
      String host = spec == null ? null : (String) spec.get("host");
      boolean tls = spec != null && spec.get("tls") != null;
      return host == null ? null
          : new Found(URI.create((tls ? "https://" : "http://") + host), "Route " + r.getMetadata().getName()
              + " (" + lookup + ")");
    });
  }

  private Optional<Found> service(String namespace, Lookup lookup) {
    var services = client.services().inNamespace(namespace);
    List<Service> items = lookup.name() != null
        ? Optional.ofNullable(services.withName(lookup.name()).get()).stream().toList()
        : services.withLabelSelector(lookup.label()).list().getItems();
    return items.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).findFirst()
        .map(s -> new Found(serviceUrl(s), "Service " + s.getMetadata().getName() + " (" + lookup + ")"));
  }

  static URI serviceUrl(Service service) {
    List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
        ? List.of() : service.getSpec().getPorts();
    ServicePort port = ports.stream().filter(ServiceLocator::isTls).findFirst()
        .orElse(ports.isEmpty() ? null : ports.get(0));
    String host = service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc";
    if (port == null) {
      return URI.create("http://" + host);
    }
    return URI.create((isTls(port) ? "https://" : "http://") + host + ":" + port.getPort());
  }

  private static boolean isTls(ServicePort port) {
    return "https".equalsIgnoreCase(port.getName()) || Integer.valueOf(443).equals(port.getPort());
  }
}
