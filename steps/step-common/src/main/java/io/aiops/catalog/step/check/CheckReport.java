package io.aiops.catalog.step.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The findings of a run in the order they came, and the verdict: the worst status of them ({@link Status}), which
 * decides the exit code the same way in every step. A report with no finding at all is an ERROR: nothing examined
 * is never a pass.
 */
public final class CheckReport {
  private final List<Finding> findings = new ArrayList<>();
  private final Consumer<Finding> onAdd;

  public CheckReport() {
    this(f -> {});
  }

  /** @param onAdd told of each finding as it comes (to log it at once, not at the end) */
  public CheckReport(Consumer<Finding> onAdd) {
    this.onAdd = onAdd;
  }

  public static CheckReport of(List<Finding> findings) {
    CheckReport report = new CheckReport();
    report.addAll(findings);
    return report;
  }

  public CheckReport add(Finding finding) {
    findings.add(finding);
    onAdd.accept(finding);
    return this;
  }

  public CheckReport addAll(List<Finding> more) {
    more.forEach(this::add);
    return this;
  }

  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  public Status verdict() {
    return Status.worst(findings.stream().map(Finding::status).toList());
  }

  /** The verdict so far, without the "nothing examined" rule: PASS while empty. */
  public Status worstSoFar() {
    return findings.stream().map(Finding::status).reduce(Status.PASS, Status::worse);
  }

  public int exitCode() {
    return verdict().exitCode();
  }

  public boolean anyFatal() {
    return findings.stream().anyMatch(Finding::fatal);
  }

  /** Worst status per check, in the order the checks first reported. */
  public Map<String, Status> byCheck() {
    Map<String, Status> checks = new LinkedHashMap<>();
    findings.forEach(f -> checks.merge(f.check(), f.status(), Status::worse));
    return checks;
  }
}
