package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.gpu.preflight.tools.ToolRunner;
import io.aiops.catalog.step.check.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The raw tool outputs one node verdict is judged from, whether captured now (agent) or read from files (analyze).
 * A null field was not asked for; a {@link ToolRunner.Run} that could not run becomes an ERROR finding instead.
 */
public final class Inputs {
  /** A labelled output: which GPU or peer it is about, and the text. */
  public record Labelled(String label, String text) {}

  String nvidiaSmiQ;
  String lspci;
  String dcgmJson;
  final List<Labelled> bandwidth = new ArrayList<>();
  final List<Labelled> iperf = new ArrayList<>();
  String kernelLog;
  String kernelLogSource = "the kernel log";
  String nvlinkStatus;
  String clockEventsCsv;
  /** Findings decided while collecting (tool missing, timed out, ping results). */
  final List<Finding> collected = new ArrayList<>();

  public Inputs nvidiaSmiQ(String text) {
    this.nvidiaSmiQ = text;
    return this;
  }

  public Inputs lspci(String text) {
    this.lspci = text;
    return this;
  }

  public Inputs dcgm(String json) {
    this.dcgmJson = json;
    return this;
  }

  public Inputs bandwidth(String gpu, String text) {
    bandwidth.add(new Labelled(gpu, text));
    return this;
  }

  public Inputs iperf(String target, String json) {
    iperf.add(new Labelled(target, json));
    return this;
  }

  public Inputs kernelLog(String text, String source) {
    this.kernelLog = text;
    this.kernelLogSource = source;
    return this;
  }

  public Inputs nvlink(String text) {
    this.nvlinkStatus = text;
    return this;
  }

  public Inputs clockEvents(String csv) {
    this.clockEventsCsv = csv;
    return this;
  }

  public Inputs add(Finding finding) {
    collected.add(finding);
    return this;
  }

  Optional<String> lspciOutput() {
    return Optional.ofNullable(lspci);
  }
}
