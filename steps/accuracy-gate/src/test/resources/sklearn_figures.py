#!/usr/bin/python3
"""The reference figures: scikit-learn's sklearn.metrics on the same file the gate scored, as JSON on stdout.

usage: sklearn_figures.py FILE LABEL_COLUMN PREDICTION_COLUMN [SCORE_COLUMN|-] [POSITIVE|-] [SLICE_COLUMN|-]
CSV with a header, or the dense ARFF the fixtures use. Labels are compared as text, like the gate."""
import csv
import json
import sys

import numpy as np
from sklearn import metrics
from sklearn.dummy import DummyClassifier


def read(path):
    if path.endswith(".arff"):
        cols, rows, data = [], [], False
        for line in open(path):
            s = line.strip()
            if not s or s.startswith("%"):
                continue
            if s.lower().startswith("@attribute"):
                rest = s[len("@attribute"):].strip()
                cols.append(rest[1:rest.index("'", 1)] if rest.startswith("'") else rest.split()[0])
            elif s.lower().startswith("@data"):
                data = True
            elif data:
                rows.append([v.strip().strip("'") for v in s.split(",")])
        return cols, rows
    with open(path, newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def figures(y, p, s, pos, weight=None):
    labels = sorted(set(y) | set(p))
    out = {
        "accuracy": metrics.accuracy_score(y, p, sample_weight=weight),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, p, sample_weight=weight),
        "mcc": metrics.matthews_corrcoef(y, p, sample_weight=weight),
    }
    for avg in ("macro", "weighted"):
        pr, rc, f1, _ = metrics.precision_recall_fscore_support(y, p, average=avg, zero_division=0,
                                                                 sample_weight=weight)
        out.update({"precision_" + avg: pr, "recall_" + avg: rc, "f1_" + avg: f1})
    if pos is not None:
        out["precision"] = metrics.precision_score(y, p, pos_label=pos, zero_division=0, sample_weight=weight)
        out["recall"] = metrics.recall_score(y, p, pos_label=pos, zero_division=0, sample_weight=weight)
        out["f1"] = metrics.f1_score(y, p, pos_label=pos, zero_division=0, sample_weight=weight)
        cm = metrics.confusion_matrix(np.array(y) == pos, np.array(p) == pos, sample_weight=weight)
        tn, fp, fn, tp = cm.ravel()
        out.update({"tp": tp, "fp": fp, "tn": tn, "fn": fn, "positives": tp + fn, "specificity": tn / (tn + fp)})
        if s is not None:
            truth = [1 if v == pos else 0 for v in y]
            out["roc_auc"] = metrics.roc_auc_score(truth, s)
            out["pr_auc"] = metrics.average_precision_score(truth, s)
    else:
        out.update({"precision": out["precision_macro"], "recall": out["recall_macro"], "f1": out["f1_macro"]})
    cm = metrics.confusion_matrix(y, p, labels=labels)
    return {k: float(v) for k, v in out.items()}, labels, cm.tolist()


def main():
    path, label, pred = sys.argv[1:4]
    score = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != "-" else None
    pos = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] != "-" else None
    slice_by = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] != "-" else None
    cols, rows = read(path)
    y = [r[cols.index(label)] for r in rows]
    p = [r[cols.index(pred)] for r in rows]
    s = [float(r[cols.index(score)]) for r in rows] if score else None
    figs, labels, cm = figures(y, p, s, pos)
    result = {"figures": figs, "labels": labels, "matrix": cm}
    x = np.zeros((len(y), 1))
    majority = DummyClassifier(strategy="most_frequent").fit(x, y).predict(x)
    result["majority"] = figures(y, list(majority), None, pos)[0]
    # the stratified dummy in expectation: every (true i, predicted j) pair weighted support_i * prior_j
    classes = sorted(set(y))
    support = {c: y.count(c) for c in classes}
    ey, ep, w = [], [], []
    for i in classes:
        for j in classes:
            ey.append(i)
            ep.append(j)
            w.append(support[i] * support[j] / len(y))
    result["stratified"] = figures(ey, ep, None, pos, weight=w)[0]
    if slice_by:
        col = cols.index(slice_by)
        result["slices"] = {}
        for v in sorted({r[col] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r[col] == v]
            result["slices"][v] = figures([y[i] for i in idx], [p[i] for i in idx], None, pos)[0]
    json.dump(result, sys.stdout, indent=1)


main()
