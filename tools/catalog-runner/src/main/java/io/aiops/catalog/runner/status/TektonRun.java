package io.aiops.catalog.runner.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * The few fields of a tekton.dev/v1 PipelineRun or TaskRun the status reads, bound straight from the API server's
 * JSON as it streams in ({@link io.aiops.catalog.step.kube.ListPages}): everything else (the resolved Pipeline spec
 * Tekton copies into status.pipelineSpec, a few KB a run, task specs, provenance) is skipped by the parser instead of
 * being built into maps, which is most of a list's size. No Tekton model is on the classpath for this; these are the
 * fields of the v1 API (tektoncd/pipeline pkg/apis/pipeline/v1 pipelinerun_types.go, taskrun_types.go) we use.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class TektonRun {
  public ObjectMeta metadata;
  public Spec spec;
  public Status status;

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Spec {
    public List<Named> params;
    public Ref pipelineRef;
    /** PipelineRunPending while held back. */
    public String status;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Status {
    public String startTime;
    public String completionTime;
    public List<Condition> conditions;
    public List<Named> results;
    public List<Child> childReferences;
    public List<Named> skippedTasks;
  }

  /** A param or result: a string, or an array or object value (shown as its JSON-ish text). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Named {
    public String name;
    public Object value;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Ref {
    public String name;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Condition {
    public String type;
    public String status;
    public String reason;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Child {
    public String name;
    public String pipelineTaskName;
  }
}
