package io.aiops.catalog.runner;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.json.Json;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The podman engine: a TaskRun as a pod. One podman pod per TaskRun (its containers share localhost, as a pod's
 * do), each step or sidecar a container in it started as OpenShift's restricted SCC starts it: a random UID in group
 * 0 (one per run, as a namespace has one), capabilities dropped, no privilege escalation, a read-only root
 * filesystem unless the step's securityContext says otherwise, its memory limit, workspaces and /tekton/results
 * bind-mounted. The Task's command replaces the image's entrypoint, as a pod's command does.
 */
final class PodmanEngine {
  static final String RESULTS = "/tekton/results";
  static final String STEPS = "/tekton/steps";
  /** Tekton's limit: results travel in the termination message, 4096 bytes for the whole pod. */
  static final int RESULTS_LIMIT_BYTES = 4096;

  /** A bind mount: host directory or file, where the container sees it. */
  record Mount(Path host, String container, boolean readOnly) {}

  /** What one container runs: the image's entrypoint replaced by command, then args; env values come from ours. */
  record Container(String name, String image, List<String> command, List<String> args, List<String> envNames,
      String workingDir, List<Mount> mounts, ResourceRequirements resources, boolean readOnlyRoot) {}

  private final Path containersConf;
  private final LocalImages images;
  private final int uid;

  PodmanEngine(Path containersConf, LocalImages images) {
    this.containersConf = containersConf;
    this.images = images;
    // OpenShift gives each namespace a block of 10000 UIDs from 1000000000 up; never the image's own 185
    this.uid = 1_000_700_000 + ThreadLocalRandom.current().nextInt(10_000);
  }

  int uid() {
    return uid;
  }

  /** Whether podman can run here: on PATH and answering. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("podman", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The image podman runs for an image reference of the Task. */
  String image(String reference) {
    return images.podmanImage(reference);
  }

  /** Creates the TaskRun's pod (its network namespace: localhost shared by the sidecars and steps). */
  String createPod(String name) {
    String pod = name.toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
    call(List.of("pod", "rm", "--force", "--ignore", pod), 60);
    call(List.of("pod", "create", "--name", pod), 120);
    // the infra container holds the pod's network namespace, and its IP exists only once it runs: start it now,
    // so the readiness probes that follow never race the first container for it
    call(List.of("pod", "start", pod), 120);
    return pod;
  }

  /** The pod's IP, where a kubelet sends readiness probes. */
  String podIp(String pod) {
    String infra = call(List.of("pod", "inspect", "--format", "{{.InfraContainerID}}", pod), 30).trim();
    String ip = call(List.of("inspect", "--format", "{{.NetworkSettings.IPAddress}}", infra), 30).trim();
    // no IP: a pod on the host's network (rootless without a network), where localhost is the host's
    return ip.isEmpty() ? "127.0.0.1" : ip;
  }

  void removePod(String pod) {
    try {
      call(List.of("pod", "rm", "--force", "--time", "5", pod), 60);
    } catch (RuntimeException e) {
      // best effort: the run's outcome is already decided
    }
  }

  /**
   * The command line that runs one container in the pod, attached: its output is the container's log, and stopping
   * it stops the container (sidecars end so, with the pod).
   */
  List<String> runLine(String pod, Container c) {
    List<String> line = new ArrayList<>(List.of("podman", "run", "--rm", "--pod", pod,
        "--name", pod + "-" + c.name(), "--tls-verify=false", "--pull=missing", "--user", uid + ":0",
        "--cap-drop=ALL", "--security-opt=no-new-privileges"));
    if (c.readOnlyRoot()) {
      line.add("--read-only");
    }
    long memory = memoryLimit(c.resources());
    if (memory > 0) {
      line.addAll(List.of("--memory", Long.toString(memory), "--memory-swap", Long.toString(memory)));
    }
    for (Mount m : c.mounts()) {
      line.addAll(List.of("--volume", m.host() + ":" + m.container() + (m.readOnly() ? ":ro" : "")));
    }
    // values never on the command line: podman takes each named variable from its own environment
    for (String name : c.envNames()) {
      line.addAll(List.of("--env", name));
    }
    if (c.workingDir() != null) {
      line.add("--workdir=" + c.workingDir());
    }
    if (!c.command().isEmpty()) {
      line.add("--entrypoint=" + jsonArray(c.command()));
    }
    line.add(c.image());
    line.addAll(c.args());
    return line;
  }

  /** Environment every podman call needs: this project's containers.conf (runc, no default ulimits). */
  void environment(Map<String, String> env) {
    if (containersConf != null) {
      env.put("CONTAINERS_CONF", containersConf.toString());
    }
  }

  /** The results the steps wrote, over Tekton's limit: the reason the step fails, or null. */
  static String resultsOverLimit(Path results) {
    long total = 0;
    try (var files = Files.list(results)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total > RESULTS_LIMIT_BYTES ? "results take " + total + " bytes, over Tekton's " + RESULTS_LIMIT_BYTES
        + "-byte limit (large output belongs in a workspace)" : null;
  }

  /**
   * A host directory the run's random UID can write through group 0, as a volume under OpenShift's fsGroup: the
   * runner runs as root (rootful podman), so what it creates is group 0 already.
   */
  static Path groupWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Process p = new ProcessBuilder("chmod", "-R", "g+rwX", dir.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw StepException.usage("cannot make " + dir + " writable for the containers' random UID");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.usage("interrupted");
    }
  }

  private static long memoryLimit(ResourceRequirements resources) {
    if (resources == null || resources.getLimits() == null) {
      return 0;
    }
    Quantity memory = resources.getLimits().get("memory");
    return memory == null ? 0 : Quantity.getAmountInBytes(memory).longValueExact();
  }

  private String call(List<String> args, int timeoutSeconds) {
    List<String> line = new ArrayList<>();
    line.add("podman");
    line.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
      environment(pb.environment());
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw StepException.unavailable("podman " + args.get(0) + " " + args.get(1) + " did not end within "
            + timeoutSeconds + " s", null);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw StepException.unavailable("podman " + String.join(" ", args) + " failed: " + text.strip(), null);
      }
      return text;
    } catch (IOException e) {
      throw StepException.unavailable("cannot run podman (" + e.getMessage() + "): install it, or use --engine "
          + "local", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted waiting for podman", e);
    }
  }

  private static String jsonArray(List<String> items) {
    try {
      return Json.mapper().writeValueAsString(items);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
