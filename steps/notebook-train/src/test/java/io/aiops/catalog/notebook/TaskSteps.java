package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notebook-train Task's steps as they are written in its YAML, with Tekton's variables substituted the way
 * Tekton does: the tests run the very command lines the Task runs, not a copy of them.
 */
final class TaskSteps {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([^)]+)\\)");

  private final JsonNode task;
  private final Map<String, String> params = new HashMap<>();
  private final Map<String, List<String>> arrays = new HashMap<>();
  private final Map<String, String> context = new HashMap<>();

  TaskSteps(Path yaml, Path source, Path model, Path stepsDir) throws IOException {
    task = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
    for (JsonNode p : task.at("/spec/params")) {
      if (p.path("type").asText().equals("array")) {
        List<String> values = new ArrayList<>();
        p.path("default").forEach(v -> values.add(v.asText()));
        arrays.put(p.get("name").asText(), values);
      } else if (p.has("default")) {
        params.put(p.get("name").asText(), p.get("default").asText());
      }
    }
    context.put("workspaces.source.path", source.toString());
    context.put("workspaces.model.path", model.toString());
    context.put("context.taskRun.name", "run-1");
    context.put("steps.step-execute.exitCode.path", stepsDir.resolve("step-execute/exitCode").toString());
  }

  TaskSteps param(String name, String value) {
    params.put(name, value);
    return this;
  }

  TaskSteps array(String name, List<String> values) {
    arrays.put(name, values);
    return this;
  }

  /** The step's command and args, substituted; for our image the java -jar prefix is left out. */
  List<String> commandLine(String step, boolean withCommand) {
    JsonNode s = step(step);
    Map<String, String> env = env(step);
    List<String> line = new ArrayList<>();
    if (withCommand) {
      s.get("command").forEach(c -> line.add(substitute(c.asText(), env)));
    }
    for (JsonNode arg : s.path("args")) {
      Matcher array = Pattern.compile("^\\$\\(params\\.([^)\\[]+)\\[\\*]\\)$").matcher(arg.asText());
      if (array.matches()) {
        line.addAll(arrays.get(array.group(1)));
      } else {
        line.add(substitute(arg.asText(), env));
      }
    }
    return line;
  }

  /** The args of one of our steps, results sent to a test directory instead of /tekton/results. */
  String[] stepArgs(String step, Path resultsDir) {
    // our steps run in this JVM, whose working directory cannot be the step's workingDir: a relative path that
    // exists there is given as the absolute path the step would have resolved it to
    Path workingDir = Path.of(substitute(step(step).path("workingDir").asText("."), env(step)));
    return commandLine(step, false).stream()
        .map(a -> a.equals("--results-dir=/tekton/results") ? "--results-dir=" + resultsDir : a)
        .map(a -> {
          int eq = a.indexOf('=');
          if (!a.startsWith("--") || eq < 0 || a.startsWith("/", eq + 1)) {
            return a;
          }
          Path resolved = workingDir.resolve(a.substring(eq + 1));
          return a.length() > eq + 1 && Files.exists(resolved) ? a.substring(0, eq + 1) + resolved : a;
        })
        .toArray(String[]::new);
  }

  /** The step's env (the stepTemplate's first), each value with $(VAR) of the ones before it expanded. */
  Map<String, String> env(String step) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (JsonNode e : step(step).path("env")) {
      if (e.has("value")) {
        env.put(e.get("name").asText(), substitute(e.get("value").asText(), env));
      }
    }
    return env;
  }

  String path(String step, String field) {
    return substitute(step(step).at("/" + field + "/path").asText());
  }

  /**
   * Runs a step that is not ours (the notebook image's nbconvert) as Tekton would: in its workingDir, with its env,
   * stdout/stderr to the configured files, and the exit code where $(steps.step-NAME.exitCode.path) points.
   */
  int runProcess(String step, Map<String, String> extraEnv, String executable) throws Exception {
    return runProcess(step, extraEnv, executable, List.of());
  }

  /** Same, the step's command line run by the given prefix (e.g. a shell that joins a cgroup and execs "$@"). */
  int runProcess(String step, Map<String, String> extraEnv, String executable, List<String> prefix)
      throws Exception {
    List<String> line = new ArrayList<>(commandLine(step, true));
    if (line.get(0).equals("jupyter")) {
      line.set(0, executable);
    }
    line.addAll(0, prefix);
    Map<String, String> env = env(step);
    ProcessBuilder pb = new ProcessBuilder(line).directory(Path.of(substitute(step(step).get("workingDir").asText(),
        env)).toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    // the step writes its own execute.stdout / execute.log (no alpha stdoutConfig); what is left is discarded
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(step + " did not finish in 5 minutes");
    }
    Path exitCode = Path.of(context.get("steps.step-" + step + ".exitCode.path"));
    Files.createDirectories(exitCode.getParent());
    Files.writeString(exitCode, Integer.toString(p.exitValue()));
    return p.exitValue();
  }

  /** The step as Tekton runs it: its stepTemplate's fields under its own, env lists joined (template first). */
  private JsonNode step(String name) {
    for (JsonNode s : task.at("/spec/steps")) {
      if (s.get("name").asText().equals(name)) {
        JsonNode template = task.at("/spec/stepTemplate");
        if (template.isMissingNode()) {
          return s;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged =
            ((com.fasterxml.jackson.databind.node.ObjectNode) template).deepCopy();
        s.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
        com.fasterxml.jackson.databind.node.ArrayNode env = merged.putArray("env");
        template.path("env").forEach(env::add);
        s.path("env").forEach(env::add);
        return merged;
      }
    }
    throw new IllegalArgumentException("no step " + name);
  }

  private String substitute(String text) {
    return substitute(text, Map.of());
  }

  /** Tekton's $(params.x) and context variables, then Kubernetes' $(VAR) of the container's declared env. */
  private String substitute(String text, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value = key.startsWith("params.") ? params.get(key.substring(7))
          : context.containsKey(key) ? context.get(key) : env.get(key);
      if (value == null) {
        throw new IllegalArgumentException("the Task uses $(" + key + ") and the test gave it no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
