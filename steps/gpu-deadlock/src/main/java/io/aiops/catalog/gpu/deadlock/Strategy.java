package io.aiops.catalog.gpu.deadlock;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;

/** The predictor strategies --strategy offers: both stop the rollout from asking for a second GPU. */
enum Strategy {
  Recreate, RollingUpdate;

  DeploymentStrategy toDeploymentStrategy() {
    return this == Recreate
        ? new DeploymentStrategyBuilder().withType("Recreate").build()
        : new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
            .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1)).endRollingUpdate().build();
  }

  String describe() {
    return this == Recreate ? "Recreate" : "RollingUpdate maxSurge 0 / maxUnavailable 1";
  }

  /** True when the Deployment's strategy no longer surges: KServe has propagated the patch. */
  boolean appliedTo(Deployment deployment) {
    if (deployment == null || !name().equals(Kube.strategyType(deployment))) {
      return false;
    }
    if (this == Recreate) {
      return true;
    }
    var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
    IntOrString surge = rolling == null ? null : rolling.getMaxSurge();
    return surge != null && (Integer.valueOf(0).equals(surge.getIntVal()) || "0%".equals(surge.getStrVal())
        || "0".equals(surge.getStrVal()));
  }

  /** JSON merge patch of spec.predictor.deploymentStrategy; Recreate also removes a rollingUpdate block. */
  ObjectNode mergePatch() {
    // the mapper is taken here, not in a static field: picocli loads this enum for --help (to list its values)
    ObjectMapper json = Json.mapper();
    ObjectNode strategy = json.valueToTree(toDeploymentStrategy());
    if (this == Recreate) {
      strategy.putNull("rollingUpdate");
    }
    ObjectNode patch = json.createObjectNode();
    patch.putObject("spec").putObject("predictor").set("deploymentStrategy", strategy);
    return patch;
  }
}
