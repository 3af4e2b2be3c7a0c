package io.aiops.catalog.contract;

import io.aiops.catalog.runner.readme.ReadmeTables;
import io.aiops.catalog.runner.yaml.StepTemplates;
import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.tekton.v1.EmbeddedTask;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepTemplate;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The catalog's contract, one check a method; each returns what is wrong (empty when the file complies), so the
 * same checks run over the real catalog and over broken fixtures.
 */
final class CatalogChecks {
  static final List<String> ANNOTATIONS = List.of("tekton.dev/pipelines.minVersion", "tekton.dev/categories",
      "tekton.dev/tags", "tekton.dev/displayName", "tekton.dev/platforms");
  private static final Pattern PARAM_REF = Pattern.compile("\\$\\(params\\.([A-Za-z0-9_.-]+)\\)");

  private final String version;
  private final Map<String, Task> tasksByName;

  CatalogChecks(String version, Map<String, Task> tasksByName) {
    this.version = version;
    this.tasksByName = tasksByName;
  }

  /** 1. Parses as a kind the catalog holds, with no field the model does not know. */
  List<String> strictParse(Path file) {
    List<String> problems = new ArrayList<>();
    List<com.fasterxml.jackson.databind.JsonNode> trees;
    try {
      trees = TektonYaml.trees(file);
    } catch (UncheckedIOException e) {
      return List.of(e.getMessage());
    }
    for (int i = 0; i < trees.size(); i++) {
      try {
        Object model = TektonYaml.model(trees.get(i));
        for (String unknown : StrictModel.unknownFields(model)) {
          problems.add("doc #" + i + " " + unknown);
        }
      } catch (IllegalArgumentException e) {
        problems.add("doc #" + i + ": " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * 2. A README beside each Task/Pipeline whose Workspaces, Parameters and Results tables are exactly what
   * {@code catalog readme} generates from the YAML (names, descriptions, defaults): each description is written once.
   */
  List<String> readme(Doc doc) {
    Tekton t = Tekton.of(doc);
    if (t == null) {
      return List.of();
    }
    Path readme = doc.file().resolveSibling("README.md");
    if (!Files.exists(readme)) {
      return List.of(doc + ": no README.md beside it");
    }
    String text;
    try {
      text = Files.readString(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    var spec = doc.tree().path("spec");
    ReadmeTables.missingHeadings(text, spec).forEach(h -> problems.add(readme + ": no '## " + h + "' table, but "
        + "the YAML declares " + h.toLowerCase(java.util.Locale.ROOT)));
    List<String> have = text.lines().filter(l -> l.trim().startsWith("| `")).toList();
    List<String> want = ReadmeTables.update(text, spec).lines().filter(l -> l.trim().startsWith("| `")).toList();
    want.stream().filter(l -> !have.contains(l)).forEach(l -> problems.add(readme + ": the YAML gives " + l
        + " but the README " + have.stream().filter(h -> h.startsWith(l.substring(0, l.indexOf("` |") + 3)))
            .findFirst().map(h -> "has " + h).orElse("has no such row") + " (run: catalog readme --write)"));
    List<String> names = want.stream().map(l -> l.substring(0, l.indexOf("` |") + 3)).toList();
    have.stream().filter(l -> !want.contains(l) && l.contains("` |") && names.stream().noneMatch(l::startsWith))
        .forEach(l -> problems.add(readme + ": the README has " + l + ", which the YAML does not declare"));
    return problems;
  }

  /** 3. No script that interpolates params or workspace paths (Tekton's injection risk): command + args only. */
  List<String> noScriptInjection(Doc doc) {
    List<String> problems = new ArrayList<>();
    forEachStep(doc, (where, step) -> {
      String script = step.step().getScript();
      if (script != null && (script.contains("$(params.") || script.contains("$(workspaces."))) {
        problems.add(where + ": script interpolates $(params.*) or $(workspaces.*); pass them as args or env");
      }
    });
    return problems;
  }

  /** 4. Every --flag of a step running one of our images exists in its picocli model; results are declared. */
  List<String> argsMatchStep(Doc doc) {
    List<String> problems = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    boolean[] allOurs = {true};
    forEachStep(doc, (where, step) -> {
      var stepName = StepCatalog.stepName(step.image());
      if (stepName.isEmpty()) {
        allOurs[0] = false;
        return;
      }
      var known = StepCatalog.byName(stepName.get());
      if (known.isEmpty()) {
        problems.add(where + ": image " + step.image() + " is not a step this catalog builds");
        return;
      }
      declared.addAll(known.get().resultNames());
      CommandSpec spec = new CommandLine(known.get().command()).getCommandSpec();
      for (String arg : Objects.requireNonNullElse(step.step().getArgs(), List.<String>of())) {
        if (!arg.startsWith("-") && spec.subcommands().containsKey(arg)) {
          spec = spec.subcommands().get(arg).getCommandSpec();
        } else if (arg.startsWith("--")) {
          String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
          if (spec.findOption(flag) == null && !isNegated(spec, flag)) {
            problems.add(where + ": " + flag + " is not an option of " + spec.qualifiedName());
          }
        }
      }
    });
    Tekton t = Tekton.of(doc);
    if (t != null && t.isTask() && allOurs[0] && !declared.isEmpty()) {
      for (String result : t.resultNames()) {
        if (!declared.contains(result)) {
          problems.add(doc + ": result " + result + " is not declared by the step (declared: " + declared + ")");
        }
      }
    }
    return problems;
  }

  /** 5a. Images pinned: ours at the project version, no :latest, no untagged image, no invented digest. */
  List<String> images(Doc doc) {
    List<String> problems = new ArrayList<>();
    Tekton t = Tekton.of(doc);
    if (t != null && t.isTask() && StepCatalog.byName(doc.name()).isPresent()) {
      String expected = StepCatalog.REGISTRY + doc.name() + ":" + version;
      String actual = t.params().stream().filter(p -> p.getName().equals("image")).findFirst()
          .map(CatalogChecks::defaultOf).orElse(null);
      if (!expected.equals(actual)) {
        problems.add(doc + ": param image must default to " + expected + " (found " + actual + ")");
      }
    }
    forEachStep(doc, (where, step) -> {
      String image = step.image();
      if (image == null) {
        problems.add(where + ": no image");
        return;
      }
      if (image.contains("$(")) {
        return; // a required param: the user names the image (e.g. their own training image)
      }
      String lastPart = image.substring(image.lastIndexOf('/') + 1);
      if (image.contains("@sha256:")) {
        if (StepCatalog.stepName(image).isPresent()) {
          problems.add(where + ": " + image + " pins a digest of an image not yet published; use :" + version);
        }
      } else if (!lastPart.contains(":") || lastPart.endsWith(":latest")) {
        problems.add(where + ": image " + image + " is untagged or :latest; pin a version or a digest");
      } else if (StepCatalog.stepName(image).isPresent() && !image.endsWith(":" + version)) {
        problems.add(where + ": image " + image + " is not at the catalog version " + version);
      }
    });
    return problems;
  }

  /** 5b. OpenShift restricted SCC: non-root, no escalation, drop ALL, no fixed UID; resources and command set. */
  List<String> security(Doc doc) {
    List<String> problems = new ArrayList<>();
    forEachStep(doc, (where, step) -> {
      SecurityContext sc = step.step().getSecurityContext() != null ? step.step().getSecurityContext()
          : step.template() == null ? null : step.template().getSecurityContext();
      if (sc == null) {
        problems.add(where + ": no securityContext");
      } else {
        if (!Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
          problems.add(where + ": securityContext.runAsNonRoot must be true");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          problems.add(where + ": securityContext.allowPrivilegeEscalation must be false");
        }
        if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
            || !sc.getCapabilities().getDrop().contains("ALL")) {
          problems.add(where + ": securityContext.capabilities.drop must hold ALL");
        }
        if (sc.getRunAsUser() != null) {
          problems.add(where + ": securityContext.runAsUser is fixed; OpenShift assigns the UID");
        }
      }
      var resources = step.step().getComputeResources() != null ? step.step().getComputeResources()
          : step.template() == null ? null : step.template().getComputeResources();
      if (resources == null || resources.getRequests() == null || resources.getRequests().isEmpty()) {
        problems.add(where + ": computeResources.requests not set");
      }
      if (step.step().getCommand() == null || step.step().getCommand().isEmpty()) {
        problems.add(where + ": command not set (Tekton must not look up the image's entrypoint)");
      } else if (StepCatalog.stepName(step.image()).isPresent()
          && !step.step().getCommand().equals(List.of(StepCatalog.ENTRYPOINT))) {
        problems.add(where + ": our step images run " + StepCatalog.ENTRYPOINT + " (it owns the JVM flags), not "
            + step.step().getCommand() + ": set command: [\"" + StepCatalog.ENTRYPOINT + "\"] in the stepTemplate");
      }
    });
    return problems;
  }

  /** Catalog metadata as tektoncd/catalog has it, and every param and result described. */
  List<String> metadata(Doc doc) {
    Tekton t = Tekton.of(doc);
    if (t == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    var meta = doc.tree().path("metadata");
    if (!version.equals(meta.path("labels").path("app.kubernetes.io/version").asText())) {
      problems.add(doc + ": label app.kubernetes.io/version must be \"" + version + "\"");
    }
    for (String annotation : ANNOTATIONS) {
      if (meta.path("annotations").path(annotation).asText().isBlank()) {
        problems.add(doc + ": annotation " + annotation + " missing");
      }
    }
    if (t.description() == null || t.description().isBlank()) {
      problems.add(doc + ": spec.description missing");
    }
    t.params().stream().filter(p -> p.getDescription() == null || p.getDescription().isBlank())
        .forEach(p -> problems.add(doc + ": param " + p.getName() + " has no description"));
    t.undescribedResults().forEach(r -> problems.add(doc + ": result " + r + " has no description"));
    return problems;
  }

  /** A Pipeline's taskRefs name Tasks of this catalog, given only params they declare and all they require. */
  List<String> references(Doc doc) {
    if (!(doc.model() instanceof Pipeline pipeline)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<PipelineTask> all = new ArrayList<>(Objects.requireNonNullElse(pipeline.getSpec().getTasks(), List.of()));
    all.addAll(Objects.requireNonNullElse(pipeline.getSpec().getFinally(), List.of()));
    for (PipelineTask pt : all) {
      if (pt.getTaskRef() == null || pt.getTaskRef().getName() == null) {
        continue; // embedded, or resolved remotely (resolver: hub, git, bundles)
      }
      Task task = tasksByName.get(pt.getTaskRef().getName());
      if (task == null) {
        problems.add(doc + ": task " + pt.getName() + " refers to Task " + pt.getTaskRef().getName()
            + ", which is not in tekton/tasks");
        continue;
      }
      Set<String> declared = task.getSpec().getParams().stream().map(ParamSpec::getName).collect(Collectors.toSet());
      Set<String> given = Objects.requireNonNullElse(pt.getParams(), List.<io.fabric8.tekton.v1.Param>of()).stream()
          .map(io.fabric8.tekton.v1.Param::getName).collect(Collectors.toSet());
      given.stream().filter(p -> !declared.contains(p)).forEach(p -> problems.add(doc + ": task " + pt.getName()
          + " passes param " + p + ", which Task " + task.getMetadata().getName() + " does not declare"));
      task.getSpec().getParams().stream().filter(p -> p.getDefault() == null && !given.contains(p.getName()))
          .forEach(p -> problems.add(doc + ": task " + pt.getName() + " does not pass required param "
              + p.getName()));
    }
    return problems;
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  record StepAt(Step step, StepTemplate template, String image) {}

  private void forEachStep(Doc doc, java.util.function.BiConsumer<String, StepAt> action) {
    if (doc.model() instanceof Task task) {
      Map<String, String> defaults = defaults(task.getSpec().getParams());
      for (Step step : StepTemplates.merge(task.getSpec().getStepTemplate(),
          Objects.requireNonNullElse(task.getSpec().getSteps(), List.<Step>of()))) {
        action.accept(doc + " step " + step.getName(),
            new StepAt(step, task.getSpec().getStepTemplate(), resolve(step.getImage(), defaults)));
      }
    } else if (doc.model() instanceof Pipeline pipeline) {
      Map<String, String> pipelineDefaults = defaults(pipeline.getSpec().getParams());
      List<PipelineTask> all = new ArrayList<>(Objects.requireNonNullElse(pipeline.getSpec().getTasks(), List.of()));
      all.addAll(Objects.requireNonNullElse(pipeline.getSpec().getFinally(), List.of()));
      for (PipelineTask pt : all) {
        EmbeddedTask spec = pt.getTaskSpec();
        if (spec == null) {
          continue;
        }
        Map<String, String> defaults = new HashMap<>(defaults(spec.getParams()));
        Objects.requireNonNullElse(pt.getParams(), List.<io.fabric8.tekton.v1.Param>of()).forEach(p -> {
          if (p.getValue() != null && p.getValue().getStringVal() != null) {
            defaults.put(p.getName(), resolve(p.getValue().getStringVal(), pipelineDefaults));
          }
        });
        for (Step step : StepTemplates.merge(spec.getStepTemplate(),
            Objects.requireNonNullElse(spec.getSteps(), List.<Step>of()))) {
          action.accept(doc + " task " + pt.getName() + " step " + step.getName(),
              new StepAt(step, spec.getStepTemplate(), resolve(step.getImage(), defaults)));
        }
      }
    }
  }

  private static Map<String, String> defaults(List<ParamSpec> params) {
    Map<String, String> d = new HashMap<>();
    Objects.requireNonNullElse(params, List.<ParamSpec>of()).forEach(p -> {
      if (defaultOf(p) != null) {
        d.put(p.getName(), defaultOf(p));
      }
    });
    return d;
  }

  static String resolve(String value, Map<String, String> params) {
    if (value == null) {
      return null;
    }
    Matcher m = PARAM_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = params.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String defaultOf(ParamSpec p) {
    if (p.getDefault() == null) {
      return null;
    }
    var v = p.getDefault();
    if (v.getArrayVal() != null && (v.getStringVal() == null)) {
      return v.getArrayVal().toString();
    }
    return Objects.requireNonNullElse(v.getStringVal(), "");
  }

  private static boolean isNegated(CommandSpec spec, String flag) {
    return flag.startsWith("--no-") && spec.findOption("--" + flag.substring(5)) != null
        && spec.findOption("--" + flag.substring(5)).negatable();
  }
}
