#!/usr/bin/python3
"""Optuna's side of issue 16's benchmark: no-op trials per second with W worker processes sharing one study
in PostgreSQL (Optuna's RDB storage), as WorkersBench measures Ladder's. Each worker process runs
study.optimize with n_trials = TRIALS / W; a trial suggests x in [0, 1] (RandomSampler) and returns it.
The clock runs from the moment the processes are told to start until the last one is done (the study is
created before). One JSON line per worker count on stdout.

  /usr/bin/python3 docs/scripts/optuna_workers_bench.py --postgresql postgresql+psycopg2://postgres@localhost:PORT/DB \
                                                         [--workers 1,4,16] [--trials 2000]
"""
import argparse
import json
import multiprocessing
import time
import warnings

import optuna


def work(url, name, n, start):
    warnings.filterwarnings("ignore")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=name, storage=url, sampler=optuna.samplers.RandomSampler())
    start.wait()
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=n)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--postgresql", required=True)
    p.add_argument("--workers", default="1,4,16")
    p.add_argument("--trials", type=int, default=2000)
    a = p.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for w in [int(x) for x in a.workers.split(",")]:
        name = "noop-%d-%d" % (w, time.time_ns())
        optuna.create_study(study_name=name, storage=a.postgresql)
        start = multiprocessing.Event()
        procs = [multiprocessing.Process(target=work, args=(a.postgresql, name, a.trials // w, start)) for _ in range(w)]
        for pr in procs:
            pr.start()
        time.sleep(3)  # every process has loaded the study
        t0 = time.perf_counter()
        start.set()
        for pr in procs:
            pr.join()
        seconds = time.perf_counter() - t0
        done = len(optuna.load_study(study_name=name, storage=a.postgresql).trials)
        print(json.dumps({"side": "optuna", "optuna": optuna.__version__, "workers": w, "trials": done,
                          "seconds": round(seconds, 3), "trials_per_s": round(done / seconds, 1)}), flush=True)


if __name__ == "__main__":
    main()
