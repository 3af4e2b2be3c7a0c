package io.aiops.catalog.gpu.preflight;

import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepVersion;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "gpu-preflight", mixinStandardHelpOptions = true, versionProvider = StepVersion.class,
    subcommands = {RunCommand.class, CheckCommand.class, AnalyzeCommand.class, ServeIperfCommand.class},
    description = {"Go/no-go health checks of GPU nodes before a training job: PCIe bandwidth, remapped rows, DCGM "
        + "diagnostics, GPU inventory, Xid events, NVLink, ECC, clock slowdown, PCIe link, ping and iperf3.",
        "Every check ends PASS, WARN, FAIL or ERROR (could not run: never a pass); SKIP means not applicable."},
    footerHeading = "%nExamples:%n",
    footer = {"  gpu-preflight run --selector nvidia.com/gpu.present=true --checks pciebw,remapped,dcgm --batch 4",
        "  gpu-preflight check --node $NODE_NAME --checks inventory,remapped,xid",
        "  gpu-preflight analyze --nvidia-smi-q nvidia-smi-q.txt --kernel-log journal.txt"})
public class GpuPreflightCommand {

  /** 0 for PASS/WARN/SKIP, 3 for FAIL, 4 when something could not be judged. */
  static int exitCode(Status verdict) {
    return switch (verdict) {
      case PASS, WARN, SKIP -> StepExit.OK;
      case FAIL -> StepExit.CHECK_FAILED;
      case ERROR -> StepExit.UNAVAILABLE;
    };
  }
}
