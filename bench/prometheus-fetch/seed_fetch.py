#!/usr/bin/env python3
"""The baseline beside notebook-train fetch-data: what the seed's notebooks do (fetch_prometheus_metrics():
one query_range GET after another, then a table joined on the timestamp), written with the standard library only
(the seed uses requests and pandas; neither is installed on the build machine). Prometheus answers at most 11,000
points a series per query, so each query is asked in chunks of 10,000 steps, one at a time, as a working version
of the seed's loop must.

usage: seed_fetch.py URL PRESET_YAML START_EPOCH END_EPOCH STEP_SECONDS OUT_CSV
"""
import csv
import json
import re
import sys
import urllib.parse
import urllib.request


def queries(preset):
    # the preset's "- name: X" / "query: Y" pairs (plain YAML; no yaml module on the machine either)
    names, exprs = [], []
    for line in open(preset, encoding="utf-8"):
        m = re.match(r"\s*-\s*name:\s*(\S+)", line)
        if m:
            names.append(m.group(1))
        m = re.match(r"\s*query:\s*(.+)$", line)
        if m:
            exprs.append(m.group(1).strip())
    return list(zip(names, exprs))


def fetch(url, expr, start, end, step):
    values = {}
    chunk = 10_000 * step
    t = start
    while t <= end:
        stop = min(t + chunk - step, end)
        q = urllib.parse.urlencode({"query": expr, "start": t, "end": stop, "step": step})
        with urllib.request.urlopen(f"{url}/api/v1/query_range?{q}", timeout=60) as r:
            body = json.load(r)
        for series in body["data"]["result"]:
            for ts, v in series["values"]:
                values[int(ts)] = v
        t = stop + step
    return values


def main():
    url, preset, start, end, step, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
        int(sys.argv[5]), sys.argv[6]
    columns = [(name, fetch(url, expr, start, end, step)) for name, expr in queries(preset)]
    stamps = sorted(set().union(*(c.keys() for _, c in columns)))
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["timestamp"] + [name for name, _ in columns])
        for ts in stamps:
            w.writerow([ts] + [c.get(ts, "") for _, c in columns])
    print(len(stamps))


if __name__ == "__main__":
    main()
