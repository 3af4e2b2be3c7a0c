package io.aiops.catalog.runner.admission;

import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The admission rules over some files of a catalog, the rest of the catalog as context (Pipelines, RBAC). */
public final class Admission {
  private Admission() {}

  /** Findings in {@code files}; every YAML under {@code root}/tekton is read for what they refer to. */
  public static List<Finding> check(Path root, Collection<Path> files) {
    Set<Path> wanted = files.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
    List<Manifest> context = new ArrayList<>();
    if (Files.isDirectory(root.resolve("tekton"))) {
      context.addAll(AdmissionRules.load(root));
    }
    Set<Path> loaded = context.stream().map(m -> m.file().toAbsolutePath().normalize())
        .collect(Collectors.toSet());
    wanted.stream().filter(f -> !loaded.contains(f)).sorted().forEach(f -> context.addAll(Manifest.load(f)));
    AdmissionRules rules = new AdmissionRules(context);
    return context.stream().filter(m -> wanted.contains(m.file().toAbsolutePath().normalize()))
        .flatMap(m -> rules.check(m).stream()).toList();
  }

  /** Every YAML in a directory and below (a Pipeline's folder: the Pipeline, its samples, its RBAC). */
  public static Set<Path> yamlUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Set.of(dir);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
          .collect(Collectors.toCollection(LinkedHashSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exit 2 before anything runs, naming each rule, file and line, when a default cluster would refuse these. */
  public static void refuse(Path root, Collection<Path> files) {
    List<Finding> findings = check(root, files);
    if (!findings.isEmpty()) {
      throw StepException.usage("a default cluster (Tekton " + Baseline.TEKTON_TAG + ", enable-api-fields: "
          + Baseline.ENABLE_API_FIELDS + ", coschedule: " + Baseline.COSCHEDULE + ", OpenShift restricted-v2) "
          + "would refuse or fail this; fix:" + findings.stream().map(f -> "\n  " + f).collect(Collectors.joining()));
    }
  }
}
