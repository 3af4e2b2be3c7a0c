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
    List<String> line = new ArrayList<>();
    if (withCommand) {
      s.get("command").forEach(c -> line.add(substitute(c.asText())));
    }
    for (JsonNode arg : s.get("args")) {
      Matcher array = Pattern.compile("^\\$\\(params\\.([^)\\[]+)\\[\\*]\\)$").matcher(arg.asText());
      if (array.matches()) {
        line.addAll(arrays.get(array.group(1)));
      } else {
        line.add(substitute(arg.asText()));
      }
    }
    return line;
  }

  /** The args of one of our steps, results sent to a test directory instead of /tekton/results. */
  String[] stepArgs(String step, Path resultsDir) {
    return commandLine(step, false).stream()
        .map(a -> a.equals("--results-dir=/tekton/results") ? "--results-dir=" + resultsDir : a)
        .toArray(String[]::new);
  }

  Map<String, String> env(String step) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : step(step).path("env")) {
      if (e.has("value")) {
        env.put(e.get("name").asText(), substitute(e.get("value").asText()));
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
    List<String> line = commandLine(step, true);
    line.set(0, executable);
    ProcessBuilder pb = new ProcessBuilder(line).directory(Path.of(substitute(step(step).get("workingDir").asText()))
        .toFile());
    pb.environment().putAll(env(step));
    pb.environment().putAll(extraEnv);
    Path out = Path.of(path(step, "stdoutConfig"));
    Path err = Path.of(path(step, "stderrConfig"));
    Files.createDirectories(out.getParent());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
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

  private JsonNode step(String name) {
    for (JsonNode s : task.at("/spec/steps")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no step " + name);
  }

  private String substitute(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value = key.startsWith("params.") ? params.get(key.substring(7)) : context.get(key);
      if (value == null) {
        throw new IllegalArgumentException("the Task uses $(" + key + ") and the test gave it no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
