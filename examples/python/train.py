#!/usr/bin/env python3
"""A user's own training script tuned by Ladder as a process trial (docs/python.md).

Logistic regression by mini-batch SGD on the German credit data that Ladder bundles, in plain Python
(standard library only). Ladder hands over the config in LADDER_CONFIG, the resource range in
LADDER_RESUME_FROM / LADDER_MAX_RESOURCE and a checkpoint folder in LADDER_CHECKPOINT_DIR; the script
prints one `LADDER_REPORT {"epoch": e, "logloss": ..., "accuracy": ...}` line per epoch and saves its
weights, velocity and epoch after every report, so a paused trial goes on where it stopped.

Without Ladder's variables it trains once with the defaults below, printing the same lines.
"""
import csv
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "ladder-examples", "src", "main", "resources", "datasets", "credit-g.arff")
DEFAULTS = {"lr": 0.1, "l2": 1e-4, "batch_size": 32, "momentum": 0.0}
SEED = 0


def read_arff(path):
    """Rows of one-hot encoded nominal and raw numeric features, and labels (1 = the second class)."""
    attributes, rows = [], []
    with open(path, newline="") as f:
        in_data = False
        for line in f:
            line = line.strip()
            if not line or line.startswith("%"):
                continue
            if not in_data:
                low = line.lower()
                if low.startswith("@attribute"):
                    rest = line[len("@attribute"):].strip()
                    name, kind = rest.split(None, 1)
                    if kind.strip().startswith("{"):
                        values = next(csv.reader([kind.strip()[1:-1]], quotechar="'", skipinitialspace=True))
                        attributes.append((name, [v.strip() for v in values]))
                    else:
                        attributes.append((name, None))
                elif low.startswith("@data"):
                    in_data = True
                continue
            rows.append(next(csv.reader([line], quotechar="'", skipinitialspace=True)))
    *features, (label_name, classes) = attributes
    x, y = [], []
    for row in rows:
        vector = []
        for (name, values), value in zip(features, row):
            if values is None:
                vector.append(float(value))
            else:
                vector.extend(1.0 if value == v else 0.0 for v in values)
        x.append(vector)
        y.append(classes.index(row[-1]))
    return x, y


def split(x, y):
    """A fixed 80/20 split into train and validation; numeric columns scaled by the train part's mean and sd."""
    order = list(range(len(x)))
    random.Random(SEED).shuffle(order)
    cut = len(order) * 4 // 5
    train, valid = order[:cut], order[cut:]
    cols = len(x[0])
    mean = [sum(x[i][c] for i in train) / len(train) for c in range(cols)]
    sd = [math.sqrt(sum((x[i][c] - mean[c]) ** 2 for i in train) / len(train)) or 1.0 for c in range(cols)]
    scale = lambda i: [(x[i][c] - mean[c]) / sd[c] for c in range(cols)]
    return [scale(i) for i in train], [y[i] for i in train], [scale(i) for i in valid], [y[i] for i in valid]


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def predict(w, row):
    return sigmoid(w[-1] + sum(wi * xi for wi, xi in zip(w, row)))


def evaluate(w, x, y):
    loss, correct = 0.0, 0
    for row, label in zip(x, y):
        p = min(max(predict(w, row), 1e-12), 1 - 1e-12)
        loss -= math.log(p) if label == 1 else math.log(1 - p)
        correct += (p >= 0.5) == (label == 1)
    return loss / len(x), correct / len(x)


def train_epoch(state, config, x, y):
    """One epoch of mini-batch SGD with momentum and L2; the order depends only on the epoch's index."""
    w, v = state["w"], state["v"]
    order = list(range(len(x)))
    random.Random(SEED * 100003 + state["epoch"]).shuffle(order)
    size = int(config["batch_size"])
    for start in range(0, len(order), size):
        batch = order[start:start + size]
        grad = [0.0] * len(w)
        for i in batch:
            error = predict(w, x[i]) - y[i]
            for c, xc in enumerate(x[i]):
                grad[c] += error * xc
            grad[-1] += error
        for c in range(len(w)):
            g = grad[c] / len(batch) + (config["l2"] * w[c] if c < len(w) - 1 else 0.0)
            v[c] = config["momentum"] * v[c] + g
            w[c] -= config["lr"] * v[c]
    state["epoch"] += 1


def load(folder, cols):
    path = os.path.join(folder, "state.json") if folder else None
    if path and os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return {"epoch": 0, "w": [0.0] * (cols + 1), "v": [0.0] * (cols + 1)}


def save(folder, state):
    """Writes a temporary file and renames it: a kill never leaves half a checkpoint."""
    tmp = os.path.join(folder, "state.json.tmp")
    with open(tmp, "w") as f:
        json.dump(state, f)
    os.replace(tmp, os.path.join(folder, "state.json"))


def main():
    config = dict(DEFAULTS)
    config.update(json.loads(os.environ.get("LADDER_CONFIG", "{}")))
    unknown = set(config) - set(DEFAULTS)
    if unknown:
        sys.exit("train.py: unknown parameters %s; it takes %s" % (sorted(unknown), sorted(DEFAULTS)))
    folder = os.environ.get("LADDER_CHECKPOINT_DIR")
    target = int(os.environ.get("LADDER_MAX_RESOURCE", "20"))
    key = os.environ.get("LADDER_RESOURCE_NAME", "epoch")
    x_train, y_train, x_valid, y_valid = split(*read_arff(os.environ.get("CREDIT_ARFF", DATA)))
    state = load(folder, len(x_train[0]))
    while state["epoch"] < target:
        train_epoch(state, config, x_train, y_train)
        loss, accuracy = evaluate(state["w"], x_valid, y_valid)
        print("LADDER_REPORT " + json.dumps({key: state["epoch"], "logloss": loss, "accuracy": accuracy}), flush=True)
        if folder:
            save(folder, state)


if __name__ == "__main__":
    main()
