package io.aiops.catalog.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.runner.yaml.TektonYaml;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release copy of the catalog (images/release) against the local registry the step images were pushed to: one
 * installable catalog.yaml whose every step image reference is a digest that registry has.
 */
@EnabledIfSystemProperty(named = "image.tests", matches = "true")
class ReleaseCatalogIT {
  static final Pattern PINNED = Pattern.compile("([0-9.]+:[0-9]+)/(aiops-catalog/[a-z0-9-]+)@(sha256:[0-9a-f]{64})");

  @TempDir Path out;

  @Test
  void everyStepImageOfTheReleaseCopyIsADigestInTheRegistry() throws Exception {
    String registry = Files.readString(Podman.BUILD_DIR.resolve("registry.txt")).trim();
    Process release = new ProcessBuilder("bash", Catalog.ROOT.resolve("images/release").toString(), "--registry",
        registry + "/aiops-catalog", "--no-build", "--local-base", "--out", out.toString()).redirectErrorStream(true)
        .start();
    String log = new String(release.getInputStream().readAllBytes());
    assertThat(release.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(release.exitValue()).as(log).isZero();

    Path catalog = out.resolve("catalog.yaml");
    String text = Files.readString(catalog);
    assertThat(text).doesNotContainPattern("quay\\.io/aiops-catalog/(" + String.join("|", stepNames()) + "):");
    List<String> images = new ArrayList<>();
    int tasks = 0;
    for (TektonYaml.Doc doc : TektonYaml.docs(catalog)) {
      if (doc.model() instanceof Task task) {
        tasks++;
        task.getSpec().getParams().stream().filter(p -> p.getName().equals("image")).map(ParamSpec::getDefault)
            .forEach(d -> images.add(d.getStringVal()));
      }
      if (doc.model() instanceof Pipeline) {
        Matcher m = PINNED.matcher(doc.tree().toString());
        while (m.find()) {
          images.add(m.group());
        }
      }
    }
    assertThat(tasks).isGreaterThanOrEqualTo(7);
    assertThat(images).hasSizeGreaterThanOrEqualTo(8).allMatch(i -> PINNED.matcher(i).matches(), "pinned by digest");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String image : images) {
      Matcher m = PINNED.matcher(image);
      assertThat(m.matches()).isTrue();
      assertThat(m.group(1)).isEqualTo(registry);
      HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create("http://" + m.group(1) + "/v2/"
              + m.group(2) + "/manifests/" + m.group(3))).method("HEAD", HttpRequest.BodyPublishers.noBody())
          .header("Accept", "application/vnd.oci.image.manifest.v1+json, "
              + "application/vnd.docker.distribution.manifest.v2+json")
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).as(image + " in the registry").isEqualTo(200);
    }
    try (var sboms = Files.list(out.resolve("sbom"))) {
      assertThat(sboms.toList()).hasSize(stepNames().size());
    }
  }

  private static List<String> stepNames() throws java.io.IOException {
    try (var dirs = Files.list(Catalog.ROOT.resolve("steps"))) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/jib"))).map(d -> d.getFileName().toString())
          .sorted().toList();
    }
  }
}
