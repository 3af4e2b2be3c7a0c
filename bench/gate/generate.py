#!/usr/bin/python3
"""N labelled predictions (default 1,000,000) as CSV: 5 features, label, prediction, score; 0.5% positives."""
import sys
import numpy as np

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = np.random.default_rng(1)
y = (rng.random(n) < 0.005).astype(int)
x = rng.normal(size=(n, 5)) + y[:, None]
score = np.round(1 / (1 + np.exp(-(x.sum(axis=1) - 4))), 6)
pred = (score >= 0.5).astype(int)
with open(sys.argv[1], "w") as f:
    f.write("f1,f2,f3,f4,f5,label,prediction,score\n")
    rows = np.column_stack([np.round(x, 4), y, pred, score])
    np.savetxt(f, rows, delimiter=",", fmt=["%.4f"] * 5 + ["%d", "%d", "%.6f"])
