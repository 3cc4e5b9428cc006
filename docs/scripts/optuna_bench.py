#!/usr/bin/python3
"""Optuna's side of the issue 14 benchmark: reports per second on the workload of ReportsWorkload.

x0, x1 uniform in [0, 1] (RandomSampler), epochs 1..27, value(epoch) = (x0-0.3)^2 + (x1-0.7)^2 + 1/(epoch+1)
+ N(0, 0.02^2) with the noise seeded by the trial number; SuccessiveHalvingPruner(min_resource=1,
reduction_factor=3), so rungs at epochs 1, 3, 9, 27; one worker (n_jobs=1). Each epoch is one
trial.report and one should_prune. The clock runs over study.optimize only (the storage and the study
are created before it). One JSON line per storage on stdout.

  /usr/bin/python3 docs/scripts/optuna_bench.py [--trials 1000] [--storages memory,journal,sqlite,postgresql]
                                       [--postgresql postgresql+psycopg2://postgres@localhost:PORT/optuna]
"""
import argparse
import json
import os
import random
import tempfile
import time

import warnings

import optuna

EPOCHS = 27
NOISE_SD = 0.02
STORAGES = ["memory", "journal", "sqlite", "postgresql"]


def value(x0, x1, epoch):
    return (x0 - 0.3) ** 2 + (x1 - 0.7) ** 2 + 1.0 / (epoch + 1)


def make_objective(counter):
    def objective(trial):
        x0 = trial.suggest_float("x0", 0.0, 1.0)
        x1 = trial.suggest_float("x1", 0.0, 1.0)
        noise = random.Random(trial.number)
        v = None
        for epoch in range(1, EPOCHS + 1):
            v = value(x0, x1, epoch) + noise.gauss(0.0, NOISE_SD)
            trial.report(v, epoch)
            counter[0] += 1
            if trial.should_prune():
                raise optuna.TrialPruned()
        return v
    return objective


def storage(kind, folder, postgresql):
    if kind == "memory":
        return optuna.storages.InMemoryStorage()
    if kind == "journal":
        path = os.path.join(folder, "journal.log")
        return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
    if kind == "sqlite":
        return optuna.storages.RDBStorage("sqlite:///" + os.path.join(folder, "optuna.db"))
    if kind == "postgresql":
        if not postgresql:
            raise SystemExit("storage 'postgresql' needs --postgresql URL (docs/scripts/embedded-postgres.sh starts a server)")
        return optuna.storages.RDBStorage(postgresql)
    raise SystemExit(f"unknown storage '{kind}' (known: {', '.join(STORAGES)})")


def run(kind, trials, seed, postgresql):
    with tempfile.TemporaryDirectory(prefix="optuna-bench-") as folder:
        study = optuna.create_study(
            storage=storage(kind, folder, postgresql),
            study_name=f"issue14-{kind}-{time.time_ns()}",
            sampler=optuna.samplers.RandomSampler(seed=seed),
            pruner=optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3),
            direction="minimize")
        counter = [0]
        t0 = time.perf_counter()
        study.optimize(make_objective(counter), n_trials=trials, n_jobs=1)
        seconds = time.perf_counter() - t0
        if len(study.trials) != trials:
            raise SystemExit(f"{kind}: ran {len(study.trials)} trials of {trials}")
        return {"side": "optuna", "optuna": optuna.__version__, "storage": kind, "trials": trials,
                "reports": counter[0], "seconds": round(seconds, 4), "reports_per_s": round(counter[0] / seconds, 1),
                "us_per_report": round(seconds * 1e6 / counter[0], 3)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--storages", default=",".join(STORAGES))
    parser.add_argument("--postgresql", help="SQLAlchemy URL of an empty database")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)  # JournalStorage is new in 3.1
    for kind in args.storages.split(","):
        print(json.dumps(run(kind, args.trials, args.seed, args.postgresql)), flush=True)


if __name__ == "__main__":
    main()
