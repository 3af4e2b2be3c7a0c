package io.aiops.catalog.runner.admission;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster the catalog promises to run on: Tekton Pipelines v1.0 (LTS) with its default feature flags, under
 * OpenShift's restricted-v2 SCC. Every table names the upstream file (at tag {@link #TEKTON_TAG}) it was read from;
 * when the baseline moves, re-read those files and update the tables and the README together.
 */
public final class Baseline {
  public static final String TEKTON_TAG = "v1.0.0";
  public static final String ENABLE_API_FIELDS = "beta";
  public static final String COSCHEDULE = "workspaces";
  public static final String RESULTS_FROM = "termination-message";

  private Baseline() {}

  /** A field the webhook refuses unless a feature flag that is off by default is turned on. */
  public record GatedField(String key, String parentKey, String needs, String upstream) {}

  /**
   * Fields gated above the baseline. {@code key} is the field name, {@code parentKey} the name of the list or
   * object holding it ("steps" for a step field).
   */
  public static final List<GatedField> GATED_FIELDS = List.of(
      // pkg/apis/pipeline/v1/task_validation.go validateStep: ValidateEnabledAPIFields(..., AlphaAPIFields)
      new GatedField("stdoutConfig", "steps", "enable-api-fields: alpha",
          "pkg/apis/pipeline/v1/task_validation.go (step stdout stream support)"),
      new GatedField("stderrConfig", "steps", "enable-api-fields: alpha",
          "pkg/apis/pipeline/v1/task_validation.go (step stderr stream support)"),
      // pkg/apis/pipeline/v1/param_types.go: EnableParamEnum, alpha and off in pkg/apis/config/feature_flags.go
      new GatedField("enum", "params", "enable-param-enum: true",
          "pkg/apis/pipeline/v1/param_types.go, pkg/apis/config/feature_flags.go DefaultEnableParamEnum"),
      // pkg/apis/pipeline/v1/when_validation.go: EnableCELInWhenExpression, alpha and off
      new GatedField("cel", "when", "enable-cel-in-whenexpression: true",
          "pkg/apis/pipeline/v1/when_validation.go, feature_flags.go DefaultEnableCELInWhenExpression"),
      // pkg/apis/pipeline/v1/pipeline_validation.go: pipelineRef / pipelineSpec in a PipelineTask are alpha
      new GatedField("pipelineRef", "tasks", "enable-api-fields: alpha",
          "pkg/apis/pipeline/v1/pipeline_validation.go (pipelines in pipelines)"),
      new GatedField("pipelineSpec", "tasks", "enable-api-fields: alpha",
          "pkg/apis/pipeline/v1/pipeline_validation.go (pipelines in pipelines)"),
      // pkg/apis/pipeline/v1/taskrun_validation.go: debug is alpha
      new GatedField("debug", "spec", "enable-api-fields: alpha", "pkg/apis/pipeline/v1/taskrun_validation.go"));

  /** Resolvers on by default: config/resolvers/config-feature-flags.yaml (enable-*-resolver: "true"). */
  public static final Set<String> DEFAULT_RESOLVERS = Set.of("bundles", "cluster", "git", "hub");

  /** Windows scripts: task_validation.go, a script starting with #!win needs enable-api-fields: alpha. */
  public static final String WINDOWS_SCRIPT = "#!win";

  /**
   * Maximum termination message: pkg/termination/write.go MaxContainerTerminationMessageLength (1024 * 4), which
   * pkg/entrypoint/entrypointer.go fills with every result file present at the end of the step (all of the Task's
   * results written so far) as JSON result.RunResult {key, value, type}, plus its own StartedAt, ExitCode and Reason.
   */
  public static final int TERMINATION_MESSAGE_BYTES = 4096;

  /** Room we keep for the results' values once the framing is counted; less means a result will not fit. */
  public static final int MIN_VALUE_ROOM_BYTES = 1024;

  /**
   * Params of hub tasks that reach a shell script (read in tektoncd/catalog, task/NAME/VERSION/NAME.yaml at commit
   * 55dd80ef1b83861613dce9080dfdf6656f1aecd4): a value holding $(...) there is code injection.
   */
  public static final Map<String, Set<String>> HUB_SCRIPT_PARAMS = Map.of(
      "kubernetes-actions@0.2", Set.of("script"), // `$(params.script)` inside the step's script
      "git-cli@0.4", Set.of("GIT_SCRIPT", "GIT_USER_NAME", "GIT_USER_EMAIL"), // eval '$(params.GIT_SCRIPT)'
      "github-set-status@0.4", Set.of("SHEBANG"), // #!$(params.SHEBANG)
      "git-clone@0.9", Set.of()); // every param reaches the script through env

  /** Hub tasks that fix a UID (same files): restricted-v2 refuses a UID outside the namespace's range. */
  public static final Map<String, String> HUB_FIXED_UID = Map.of(
      "git-clone@0.9", "runAsUser: 65532");

  /**
   * The ClusterRole OpenShift (4.11+) ships to allow the nonroot-v2 SCC: any non-zero UID, so a hub task's fixed
   * UID is admitted when the TaskRun's service account is bound to it.
   */
  public static final String NONROOT_V2_CLUSTER_ROLE = "system:openshift:scc:nonroot-v2";

  /**
   * Images of the pods we ship outside Tekton (CronJobs) known to run as a numeric non-root USER, so that
   * runAsNonRoot holds on plain Kubernetes without a fixed runAsUser (which restricted-v2 refuses). An image not
   * listed may run as root (quay.io/openshift/origin-cli: openshift/oc images/cli/Dockerfile.rhel has no USER),
   * which the kubelet refuses under runAsNonRoot: "container has runAsNonRoot and image will run as root".
   */
  public static final Map<String, String> NON_ROOT_IMAGES = Map.of(
      "docker.io/bitnami/kubectl:", "bitnami/containers bitnami/kubectl/*/debian-12/Dockerfile: USER 1001");
}
