package io.aiops.catalog.gpu.preflight.commands;

import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.Pushgateway;
import io.aiops.catalog.gpu.preflight.report.ReportFormats;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a node report goes: stdout in one format, a report directory with all three, a Pushgateway. */
public class OutputOptions {
  enum Format { text, json, prometheus }

  @Option(names = "--format", paramLabel = "text|json|prometheus", defaultValue = "text",
      description = "What to print on stdout. Default: ${DEFAULT-VALUE}.")
  Format format = Format.text;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Also write report.txt, report.json and metrics.prom here (each by temp file and rename).")
  @Output
  Path reportDir;

  @Mixin PushgatewayOptions push;

  /** Checks the options before anything is run: a bad URL must not cost a 15-minute DCGM run. */
  Pushgateway pushgateway(StepLog log) {
    return push.gateway(log);
  }

  /** After the verdict and results are written: @return the exit code (see {@link PushgatewayOptions#push}) */
  int push(Pushgateway gateway, NodeReport report, int exit, StepLog log) {
    return push.push(gateway, List.of(report), exit, log);
  }

  /** Prints the report and writes the report files; pushes nothing. */
  void emit(NodeReport report, PrintWriter out) {
    String text = ReportFormats.text(report);
    String json = ReportFormats.json(report).toPrettyString() + "\n";
    String prom = ReportFormats.prometheus(List.of(report));
    if (reportDir != null && !reportDir.toString().isBlank()) {
      AtomicFiles.write(reportDir.resolve("report.txt"), text);
      AtomicFiles.write(reportDir.resolve("report.json"), json);
      AtomicFiles.write(reportDir.resolve("metrics.prom"), prom);
    }
    out.print(switch (format) {
      case text -> text;
      case json -> json;
      case prometheus -> prom;
    });
    out.flush();
  }
}
