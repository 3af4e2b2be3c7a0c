package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.kube.KubeName;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.StepVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@TopCommand
@Command(name = "gpu-deadlock", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    sortOptions = false, usageHelpWidth = 110,
    description = {"Finds KServe LLM rollouts whose new predictor pod waits for the GPU held by its own old pod "
        + "(RollingUpdate with maxSurge 1), and with --fix unsticks them: patch the InferenceService's "
        + "deploymentStrategy, else delete the old Ready pod, then wait for the new pod to be Ready."},
    footerHeading = "%nExamples:%n",
    footer = {"  gpu-deadlock -n my-llms", "  gpu-deadlock --all-namespaces --output json",
        "  gpu-deadlock -n my-llms --fix --strategy RollingUpdate --dry-run"})
public class GpuDeadlockCommand implements Callable<Integer> {
  enum Mode { check, fix }

  enum Output { text, json }

  @Mixin StepOptions step;

  @Option(names = "--mode", paramLabel = "check|fix",
      description = "check (report; exit 3 when found) or fix. Default: check.")
  Mode modeOption;

  @Option(names = "--check", description = "Same as --mode=check.")
  boolean checkFlag;

  @Option(names = "--fix", description = "Same as --mode=fix.")
  boolean fixFlag;

  private Mode mode = Mode.check;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", split = ",", converter = KubeName.Label.class,
      description = "Namespace to scan; repeatable or comma-separated. Default: the current (the pod's) namespace.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = {"-A", "--all-namespaces"}, arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Scan every namespace (needs cluster-wide list/watch).")
  boolean allNamespaces;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
      description = "Extra label selector on the predictor pods, e.g. team=nlp (KServe copies ISVC labels to them).")
  String selector;

  @Option(names = "--strategy", paramLabel = "Recreate|RollingUpdate", defaultValue = "Recreate",
      description = "Strategy --fix puts in spec.predictor.deploymentStrategy (RollingUpdate means maxSurge 0, "
          + "maxUnavailable 1). Default: ${DEFAULT-VALUE}.")
  Strategy strategy;

  @Option(names = "--min-pending", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long the new pod must have been unschedulable before it counts. Default: ${DEFAULT-VALUE}.")
  Duration minPending;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long --fix waits for the new pod to be Ready. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--verify-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long --fix waits for the Deployment to take the patched strategy before deleting the old "
          + "pod instead. Default: ${DEFAULT-VALUE}.")
  Duration verifyTimeout;

  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "With --fix: print what would be done, change nothing.")
  boolean dryRun;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
      description = "Findings on stdout as text or JSON. Default: ${DEFAULT-VALUE}.")
  Output output;

  @Inject KubernetesClient client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Scope scope = scope();
    var log = step.log();
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemUTC();
    log.info("scanning %s for GPU rollout deadlocks (min pending %s)", scope.describe(), Report.human(minPending));
    Findings findings = new DeadlockDetector(minPending, clock).detect(new PredictorLister(client).read(scope));
    FixJournal journal = new FixJournal(client, log, clock);
    if (output == Output.text) {
      Report.text(findings, scope, mode == Mode.fix, out);
    }
    DeadlockFixer.Summary fixes = mode != Mode.fix ? DeadlockFixer.Summary.NONE
        : new DeadlockFixer(client, log, output == Output.text ? out : spec.commandLine().getErr(), journal, strategy,
            verifyTimeout, timeout).fixAll(findings.deadlocks(), dryRun);
    String json = Report.json(findings, journal.actions());
    if (output == Output.json) {
      out.print(json);
      out.flush();
    }
    step.artifacts().ifPresent(a -> a.write("findings.json", json));
    step.results().put(DeadlockResult.DEADLOCK_COUNT, findings.deadlocks().size())
        .put(DeadlockResult.FIXED_COUNT, fixes.fixed())
        .put(DeadlockResult.DEADLOCKS, DeadlockResult.list(findings.deadlocks())).write();
    return verdict(findings, fixes.fixed(), fixes.problems());
  }

  private int verdict(Findings findings, int fixed, List<String> problems) {
    int found = findings.deadlocks().size();
    if (found == 0) {
      return StepExit.OK;
    }
    if (mode == Mode.fix && !dryRun) {
      if (fixed == found) {
        step.log().info("fixed %d GPU deadlock(s)", fixed);
        return StepExit.OK;
      }
      throw StepException.checkFailed("fixed " + fixed + " of " + found + " GPU deadlock(s): "
          + String.join("; ", problems));
    }
    step.log().warn("%d GPU deadlock(s) found%s", found, dryRun ? " (dry run: nothing changed)" : "");
    return StepExit.CHECK_FAILED;
  }

  /** Validated before the first API call; an empty Tekton param means unset. */
  private Scope scope() {
    if (checkFlag && fixFlag || modeOption != null && (checkFlag && modeOption != Mode.check
        || fixFlag && modeOption != Mode.fix)) {
      throw StepException.usage("choose one mode: --check, --fix or --mode=check|fix");
    }
    mode = fixFlag ? Mode.fix : checkFlag ? Mode.check : modeOption != null ? modeOption : Mode.check;
    if (dryRun && mode != Mode.fix) {
      step.log().info("--dry-run only changes what --fix does; checking");
    }
    return Scope.resolve(namespaces, allNamespaces, selector, client::getNamespace);
  }
}
