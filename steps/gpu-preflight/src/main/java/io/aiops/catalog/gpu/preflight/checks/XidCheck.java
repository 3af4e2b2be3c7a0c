package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xid (GPU) and SXid (NVSwitch) events in the kernel log. Fatal codes fail the node and mark it for eviction;
 * application codes (a user's illegal address, MMU fault) are ignored; other codes are WARN.
 */
public final class XidCheck {
  public static final String NAME = "xid";
  private static final Pattern XID = Pattern.compile("NVRM: Xid \\(PCI:([0-9A-Fa-f:.]+)\\): (\\d+),?(.*)$");
  private static final Pattern SXID = Pattern.compile("(nvidia-nvswitch\\d+): SXid \\(PCI:([0-9A-Fa-f:.]+)\\): (\\d+),?(.*)$");

  private XidCheck() {}

  /** @param source which log was read, e.g. "journalctl -k --since -2h", for the reasons */
  public static List<Finding> judge(String kernelLog, Thresholds t, String source) {
    Map<String, List<String>> fatalByDevice = new TreeMap<>();
    Map<String, List<String>> otherByDevice = new TreeMap<>();
    int ignored = 0;
    for (String line : kernelLog.split("\\R")) {
      Matcher x = XID.matcher(line);
      Matcher s = SXID.matcher(line);
      String device;
      int code;
      String text;
      if (x.find()) {
        device = x.group(1);
        code = Integer.parseInt(x.group(2));
        text = "Xid " + code + x.group(3);
      } else if (s.find()) {
        device = s.group(1) + " " + s.group(2);
        code = Integer.parseInt(s.group(3));
        text = "SXid " + code + s.group(4);
        // NVSwitch SXids use their own numbering: any of them on a switch is worth a look, none is a user fault
        otherByDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(text.strip());
        continue;
      } else {
        continue;
      }
      if (t.fatalXids().contains(code)) {
        fatalByDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(text.strip());
      } else if (t.ignoredXids().contains(code)) {
        ignored++;
      } else {
        otherByDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(text.strip());
      }
    }
    List<Finding> out = new ArrayList<>();
    fatalByDevice.forEach((dev, events) -> out.add(Finding.fatal(NAME, dev, "fatal " + summary(events))));
    otherByDevice.forEach((dev, events) -> {
      if (!fatalByDevice.containsKey(dev)) {
        out.add(Finding.of(NAME, dev, Status.WARN, summary(events)));
      }
    });
    if (out.isEmpty()) {
      out.add(Finding.measured(NAME, null, Status.PASS, "no hardware Xid in " + source
          + (ignored > 0 ? " (" + ignored + " application Xids ignored)" : ""), 0));
    }
    return out;
  }

  private static String summary(List<String> events) {
    String first = events.get(0);
    return (first.length() > 160 ? first.substring(0, 160) + "..." : first)
        + (events.size() > 1 ? " (+" + (events.size() - 1) + " more)" : "");
  }
}
