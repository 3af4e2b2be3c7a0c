#!/usr/bin/python3
"""The same figures with scikit-learn on the same file, timed: reading (numpy) and the metrics separately."""
import sys
import time
import numpy as np
from sklearn import metrics

t0 = time.perf_counter()
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, usecols=(5, 6, 7))
t1 = time.perf_counter()
y, p, s = data[:, 0].astype(int), data[:, 1].astype(int), data[:, 2]
figures = {
    "accuracy": metrics.accuracy_score(y, p),
    "balanced_accuracy": metrics.balanced_accuracy_score(y, p),
    "precision": metrics.precision_score(y, p),
    "recall": metrics.recall_score(y, p),
    "f1": metrics.f1_score(y, p),
    "mcc": metrics.matthews_corrcoef(y, p),
    "roc_auc": metrics.roc_auc_score(y, s),
    "pr_auc": metrics.average_precision_score(y, s),
}
metrics.precision_recall_fscore_support(y, p, average="macro")
metrics.precision_recall_fscore_support(y, p, average="weighted")
metrics.confusion_matrix(y, p)
t2 = time.perf_counter()
print(f"sklearn: read {t1 - t0:.2f} s, metrics {t2 - t1:.2f} s, total {t2 - t0:.2f} s")
print({k: round(float(v), 6) for k, v in figures.items()})
