package io.aiops.catalog.notebook;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Checks a notebook (nbformat 4) and injects the run's parameters papermill-style: a cell tagged "
        + "injected-parameters after the cell tagged parameters, also exported to os.environ.",
        "Each value is checked against the type of its default before anything is written (exit 2 naming it).",
        "Empty values (an unset Tekton param) are not injected."})
class PrepareCommand implements Callable<Integer> {
  static final Set<String> DATA_SOURCES = Set.of("synthetic", "prometheus", "hybrid");

  @Mixin StepOptions step;

  @Option(names = "--notebook", required = true, paramLabel = "FILE", description = "The notebook to run.")
  Path notebook;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Where the prepared notebook is written (may be --notebook itself).")
  @Output(Output.Kind.FILE)
  Path output;

  @Option(names = "--training-hours", paramLabel = "HOURS",
      description = "TRAINING_HOURS: the training window (24, 168, 720...).")
  String trainingHours;

  @Option(names = "--training-days", paramLabel = "DAYS",
      description = "Deprecated (the seed's TRAINING_DAYS): the window in days, injected as TRAINING_HOURS = DAYS x 24; "
          + "wins over --training-hours. Also read from -p TRAINING_DAYS=N.")
  String trainingDays;

  @Option(names = "--data-source", paramLabel = "SOURCE", description = "DATA_SOURCE: synthetic, prometheus or hybrid.")
  String dataSource;

  @Option(names = "--data-path", paramLabel = "FILE", description = "DATA_PATH: the CSV fetch-data writes.")
  String dataPath;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "MODEL_DIR: where the notebook saves the model "
      + "(created if missing).")
  @Output
  String modelDir;

  @Option(names = "--model-name", paramLabel = "NAME", description = "MODEL_NAME.")
  String modelName;

  @Option(names = "--kernel-watch-dir", paramLabel = "DIR", description = "Where to write the nbconvert "
      + "configuration that records the cell being run and how the kernel ended (kernel-state.json, read by collect); "
      + "the execute step names DIR in JUPYTER_CONFIG_PATH.")
  @Output
  Path kernelWatchDir;

  @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
      description = "Any other parameter; repeatable. Typed like its default in the parameters cell.")
  List<String> extra = List.of();

  @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
      description = "More parameters, like -p (the Task passes its array param this way).")
  List<String> positional = List.of();

  @Override
  public Integer call() {
    var log = step.log();
    Map<String, String> values = values();
    Notebook nb = Notebook.read(notebook);
    ParameterInjector injector = new ParameterInjector(log);
    var checked = injector.check(nb, values);

    // everything is checked: from here on the step changes things
    var outcome = injector.inject(nb, checked);
    // the notebook image writes here too, maybe as another UID: see sharedDirectory
    if (!blank(modelDir)) {
      sharedDirectory(Path.of(modelDir));
    }
    if (!blank(dataPath) && Path.of(dataPath).toAbsolutePath().getParent() != null) {
      sharedDirectory(Path.of(dataPath).toAbsolutePath().getParent());
    }
    if (kernelWatchDir != null) {
      KernelState.writeWatch(kernelWatchDir);
    }
    nb.write(output);
    checked.forEach(p -> log.info("%s = %s", p.name(), p.literal()));
    log.info("injected %d parameter(s) as cell %d%s; wrote %s", checked.size(), outcome.cellIndex(),
        outcome.parametersCell() == null ? " (no parameters cell)" : " after the parameters cell "
            + outcome.parametersCell(), output);
    step.results().put(NotebookResult.PREPARED_NOTEBOOK, output).write();
    return StepExit.OK;
  }

  private Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    String window = TrainingWindow.hours(trainingHours, trainingDays, step.log());
    if (window != null) {
      values.put("TRAINING_HOURS", window);
    }
    if (!blank(dataSource)) {
      if (!DATA_SOURCES.contains(dataSource.strip())) {
        throw StepException.usage("parameter DATA_SOURCE: '" + dataSource
            + "' is not one of synthetic, prometheus, hybrid");
      }
      values.put("DATA_SOURCE", dataSource.strip());
    }
    putIfSet(values, "DATA_PATH", dataPath);
    putIfSet(values, "MODEL_DIR", modelDir);
    putIfSet(values, "MODEL_NAME", modelName);
    List<String> all = new java.util.ArrayList<>(extra);
    all.addAll(positional);
    for (String p : all) {
      if (blank(p)) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw StepException.usage("-p '" + p + "' is not NAME=VALUE");
      }
      String name = p.substring(0, eq).strip();
      String value = p.substring(eq + 1);
      if (name.equals("TRAINING_DAYS") && blank(trainingDays)) {
        // the seed's name for the window: converted, and never injected under a name the notebook may not have
        values.put("TRAINING_HOURS", TrainingWindow.hours(null, value, step.log()));
        continue;
      }
      String earlier = values.putIfAbsent(name, value);
      if (earlier != null && !earlier.equals(value)) {
        throw StepException.usage("parameter " + name + " is given twice, as '" + earlier + "' and '" + value + "'");
      }
    }
    return values;
  }

  private static void putIfSet(Map<String, String> values, String name, String value) {
    if (!blank(value)) {
      values.put(name, value);
    }
  }

  /**
   * Creates a directory the notebook image can write to as well: group-writable, so that a pod-wide fsGroup (or
   * OpenShift's one UID per pod) lets a kernel running under another UID save the model and the executed notebook.
   */
  static void sharedDirectory(Path dir) {
    try {
      boolean existed = Files.isDirectory(dir);
      Files.createDirectories(dir);
      if (!existed && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
