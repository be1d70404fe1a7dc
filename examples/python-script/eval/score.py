"""The protected judge: root-mean-square error of predictions.csv against the held-out targets."""
import math
import sys


def column(path):
    with open(path) as fh:
        next(fh)
        return [float(line) for line in fh if line.strip()]


try:
    pred = column("predictions.csv")
except OSError:
    sys.exit("score: predictions.csv is missing; fit.py must write it")
truth = column("eval/test_y.csv")
if len(pred) != len(truth):
    sys.exit(f"score: expected {len(truth)} predictions, got {len(pred)}")
rmse = math.sqrt(sum((p - t) ** 2 for p, t in zip(pred, truth)) / len(truth))
print(f"test_rmse:        {rmse:.6f}")
