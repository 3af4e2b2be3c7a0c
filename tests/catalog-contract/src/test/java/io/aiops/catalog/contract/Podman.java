package io.aiops.catalog.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * podman as the image tests run it (images/podman-env.sh: runc, no default ulimits), and a step container as
 * OpenShift's restricted SCC starts it: a random UID in group 0, no capabilities, no privilege escalation.
 */
final class Podman {
  static final Path BUILD_DIR = Catalog.ROOT.resolve("target/images");

  record Result(int exit, String output) {}

  private Podman() {}

  /** The image built for a step: the local registry and the digest Jib wrote. */
  static String stepImage(String step) throws IOException {
    String registry = Files.readString(BUILD_DIR.resolve("registry.txt")).trim();
    String digest = Files.readString(Catalog.ROOT.resolve("steps").resolve(step).resolve("target/jib-image.digest"))
        .trim();
    return registry + "/aiops-catalog/" + step + "@" + digest;
  }

  /** An OpenShift-style UID: from the namespace's range (1000700000 + a block of 10000), never the image's 185. */
  static int randomUid() {
    return 1_000_700_000 + ThreadLocalRandom.current().nextInt(10_000);
  }

  /** podman run --rm, restricted: random UID in group 0, caps dropped, no new privileges, then opts, image, args. */
  static Result runRestricted(String image, List<String> opts, List<String> commandAndArgs) throws IOException,
      InterruptedException {
    List<String> line = new ArrayList<>(List.of("run", "--rm", "--quiet", "--tls-verify=false", "--pull=missing",
        "--user", randomUid() + ":0", "--cap-drop=ALL", "--security-opt=no-new-privileges", "--network=none"));
    line.addAll(opts);
    line.add(image);
    line.addAll(commandAndArgs);
    return podman(line, 300);
  }

  /** A Tekton step: its command replaces the image's entrypoint (as a pod's command does), then its args. */
  static Result runStep(String image, List<String> opts, List<String> command, List<String> args)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(opts);
    try {
      all.add("--entrypoint=" + io.aiops.catalog.step.json.Json.mapper().writeValueAsString(command));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return runRestricted(image, all, args);
  }

  static Result podman(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add("podman");
    line.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
    pb.environment().put("CONTAINERS_CONF", containersConf().toString());
    Path out = Files.createTempFile("podman", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("podman " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return new Result(p.exitValue(), output);
  }

  /** The containers.conf images/podman-env.sh writes: runc, no default ulimits. */
  static Path containersConf() throws IOException {
    Path conf = BUILD_DIR.resolve("containers.conf");
    if (!Files.isRegularFile(conf)) {
      Files.createDirectories(BUILD_DIR);
      Files.writeString(conf, "[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = \"runc\"\n");
    }
    return conf;
  }

  /** A host directory a random UID in group 0 can write (group 0, group-writable), as a volume under fsGroup 0. */
  static Path groupWritableDir(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    for (List<String> cmd : List.of(List.of("chgrp", "-R", "0", dir.toString()),
        List.of("chmod", "-R", "g+rwX", dir.toString()))) {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed (the image tests run as root, as CI does)");
      }
    }
    return dir;
  }
}
