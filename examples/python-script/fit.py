"""Fits a small linear model to data/train.csv with mini-batch SGD (pure Python, no numpy).

Reads its hyperparameters from config.py, writes predictions for data/test_x.csv to
predictions.csv, and prints the training loss. The protected eval/score.py judges the predictions.
"""
import csv
import math
import random

import config


def features(x):
    out = [1.0]
    for k in range(1, config.DEGREE + 1):
        if config.FEATURES == "fourier":
            out += [math.sin(k * x), math.cos(k * x)]
        else:
            out.append((x / 1.5) ** k)
    return out


def load(path, cols):
    with open(path) as fh:
        rows = list(csv.DictReader(fh))
    return [[float(r[c]) for c in cols] for r in rows]


def main():
    random.seed(0)
    train = load("data/train.csv", ["x", "y"])
    xs = [features(x) for x, _ in train]
    ys = [y for _, y in train]
    w = [0.0] * len(xs[0])
    order = list(range(len(xs)))
    for _ in range(config.EPOCHS):
        random.shuffle(order)
        for start in range(0, len(order), config.BATCH_SIZE):
            batch = order[start:start + config.BATCH_SIZE]
            grad = [0.0] * len(w)
            for i in batch:
                err = sum(a * b for a, b in zip(w, xs[i])) - ys[i]
                for j, v in enumerate(xs[i]):
                    grad[j] += err * v
            for j in range(len(w)):
                w[j] -= config.LEARNING_RATE * (grad[j] / len(batch) + config.L2 * w[j])
    mse = sum((sum(a * b for a, b in zip(w, x)) - y) ** 2 for x, y in zip(xs, ys)) / len(xs)
    test = load("data/test_x.csv", ["x"])
    with open("predictions.csv", "w") as fh:
        fh.write("y\n")
        for (x,) in test:
            fh.write(f"{sum(a * b for a, b in zip(w, features(x))):.6f}\n")
    print(f"train_mse:        {mse:.6f}")
    print(f"num_params:       {len(w)}")


if __name__ == "__main__":
    main()
