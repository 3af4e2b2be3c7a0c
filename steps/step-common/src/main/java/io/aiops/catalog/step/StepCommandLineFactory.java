package io.aiops.catalog.step;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Gives every step (each a Quarkus picocli app) the shared picocli set-up of {@link StepCommandLine}. */
@ApplicationScoped
public class StepCommandLineFactory {
  @Produces
  CommandLine commandLine(PicocliCommandLineFactory factory) {
    // before the command (and the Kubernetes client it may inject) is created
    io.aiops.catalog.step.kube.KubeClientDefaults.apply();
    io.aiops.catalog.step.http.SelectorThreads.stopAtExit();
    return StepCommandLine.configure(factory.create());
  }
}
