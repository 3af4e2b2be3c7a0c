package io.aiops.catalog.gpu.preflight.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nvidia-smi -q} parsed into one flat map per GPU, keyed by the indented path ({@code Remapped Rows/Pending}).
 * The text format nests by four spaces; any key, with or without a value, can have children.
 */
public final class SmiQuery {
  private static final Pattern GPU_HEADER = Pattern.compile("^GPU ([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.\\d)\\s*$");
  private static final Pattern ATTACHED = Pattern.compile("^Attached GPUs\\s*:\\s*(\\d+)\\s*$");
  /** NVML's words for a GPU that fell off the bus or must be reset; nvidia-smi prints them instead of values. */
  private static final Pattern LOST = Pattern.compile(
      "(?i)(GPU is lost|fallen off the bus|Unable to determine the device handle|requires? (a )?reset"
          + "|Unknown Error|No devices were found|NVIDIA-SMI has failed)");

  /** One GPU: bus id and its values by path. */
  public record Gpu(String busId, Map<String, String> values) {
    public Optional<String> get(String path) {
      return Optional.ofNullable(values.get(path));
    }

    public String product() {
      return values.getOrDefault("Product Name", "unknown GPU");
    }

    /** "NVIDIA H100 80GB HBM3 00000000:53:00.0": how a finding names its GPU. */
    public String label() {
      return busId;
    }
  }

  private final Integer attached;
  private final List<Gpu> gpus;
  private final List<String> nvmlErrors;

  private SmiQuery(Integer attached, List<Gpu> gpus, List<String> nvmlErrors) {
    this.attached = attached;
    this.gpus = gpus;
    this.nvmlErrors = nvmlErrors;
  }

  public static SmiQuery parse(String text) {
    Integer attached = null;
    List<Gpu> gpus = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, String> current = null;
    List<String> stack = new ArrayList<>();
    for (String raw : text.split("\\R")) {
      if (LOST.matcher(raw).find()) {
        errors.add(raw.strip());
      }
      if (raw.isBlank()) {
        continue;
      }
      Matcher a = ATTACHED.matcher(raw);
      Matcher g = GPU_HEADER.matcher(raw);
      if (a.matches()) {
        attached = Integer.parseInt(a.group(1));
      } else if (g.matches()) {
        current = new LinkedHashMap<>();
        gpus.add(new Gpu(g.group(1), current));
        stack.clear();
      } else if (current != null) {
        int depth = (raw.length() - raw.stripLeading().length()) / 4 - 1;
        if (depth < 0) {
          current = null;
          continue;
        }
        while (stack.size() > depth) {
          stack.remove(stack.size() - 1);
        }
        int colon = raw.indexOf(':');
        String key = (colon < 0 ? raw : raw.substring(0, colon)).strip();
        String prefix = stack.isEmpty() ? "" : String.join("/", stack) + "/";
        if (colon >= 0) {
          current.put(prefix + key, raw.substring(colon + 1).strip());
        }
        // a valued key can have children too (HW Slowdown: Active, then HW Power Brake Slowdown under it)
        stack.add(key);
      }
    }
    return new SmiQuery(attached, List.copyOf(gpus), List.copyOf(errors));
  }

  /** The count nvidia-smi reports in its header; empty when the header is missing (not nvidia-smi -q output). */
  public Optional<Integer> attached() {
    return Optional.ofNullable(attached);
  }

  public List<Gpu> gpus() {
    return gpus;
  }

  /** Lines in which NVML reported a lost GPU, a needed reset or an unknown error. */
  public List<String> nvmlErrors() {
    return nvmlErrors;
  }

  static boolean notApplicable(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals("n/a") || v.equals("[n/a]") || v.equals("not supported") || v.equals("[not supported]");
  }
}
