package io.aiops.catalog.gpu.preflight;

import io.aiops.catalog.gpu.preflight.commands.AnalyzeCommand;
import io.aiops.catalog.gpu.preflight.commands.CheckCommand;
import io.aiops.catalog.gpu.preflight.commands.RunCommand;
import io.aiops.catalog.gpu.preflight.commands.ServeIperfCommand;
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
public class GpuPreflightCommand {}
