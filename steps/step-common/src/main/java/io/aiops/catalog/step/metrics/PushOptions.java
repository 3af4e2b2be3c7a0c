package io.aiops.catalog.step.metrics;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.HttpOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options of a step that pushes its outcome to a Pushgateway for the catalog's alerts (a picocli mixin). */
public class PushOptions {
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  @Option(names = "--pushgateway-url", paramLabel = "URL",
      description = "Prometheus Pushgateway to push the outcome to (e.g. http://pushgateway.monitoring:9091). "
          + "Default: none, nothing is pushed.")
  String url;

  @Option(names = "--pushgateway-label", paramLabel = "NAME=VALUE", mapFallbackValue = "", split = ",",
      description = "Grouping labels of the pushed series (repeatable or comma-separated, e.g. "
          + "model=fraud-detection,branch=main); a run replaces the series of an earlier run with the same labels.")
  Map<String, String> labels = new LinkedHashMap<>();

  /**
   * The gateway, or empty when none was given; checks the URL and the labels before anything is pushed. It is
   * called without the step's token: the Pushgateway is not the service that token is for.
   */
  public Optional<Pushgateway> gateway(HttpOptions options, StepLog log) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    labels().keySet().forEach(PushOptions::checkLabel);
    return Optional.of(new Pushgateway(url, options.anonymousClient(log)));
  }

  public Map<String, String> labels() {
    Map<String, String> out = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach((k, v) -> {
        if (k != null && !k.isBlank()) {
          out.put(k.strip(), v == null ? "" : v);
        }
      });
    }
    return out;
  }

  /**
   * Pushes, and when the gateway fails: exit 4 if the run had otherwise succeeded, else an error line that leaves
   * the run's own failure (the more useful exit code) in place.
   */
  public static void push(Optional<Pushgateway> gateway, String job, Map<String, String> grouping, Gauges gauges,
      boolean runFailed, StepLog log) {
    if (gateway.isEmpty()) {
      return;
    }
    try {
      gateway.get().put(job, grouping, gauges.text());
      log.info("pushed the outcome to the Pushgateway (job %s, %s)", job, grouping);
    } catch (StepException e) {
      if (!runFailed) {
        throw e;
      }
      log.error("%s", e.getMessage());
    }
  }

  private static void checkLabel(String name) {
    if (!LABEL.matcher(name).matches() || name.equals("job") || name.startsWith("__")) {
      throw StepException.usage("--pushgateway-label " + name + "=...: a label name is letters, digits and _ "
          + "(not starting with a digit or __, and not job), e.g. model=fraud-detection");
    }
  }
}
