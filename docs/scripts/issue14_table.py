#!/usr/bin/env python3
"""Turns the JSON lines of optuna_bench.py and DurableReportsBench (rounds run one after the other) into the
table of docs/benchmarks.md: per storage the median reports/s of each side over the rounds (with the range),
and the median over the rounds of Ladder / Optuna within a round.

  python3 docs/scripts/issue14_table.py docs/results/issue14-baseline/runs.jsonl
"""
import json
import statistics
import sys

PAIRS = [("memory", "none", "no store / in-memory"), ("journal", "jsonl", "JSON lines / JournalFileStorage"),
         ("sqlite", "sqlite", "SQLite"), ("postgresql", "postgresql", "PostgreSQL 14")]


def main(path):
    rounds, current = [], None
    for line in open(path):
        if not line.startswith("{"):
            continue
        run = json.loads(line)
        if run["side"] == "optuna" and run["storage"] == "memory":
            current = {}
            rounds.append(current)
        if run["side"] in ("optuna", "ladder") and current is not None:
            current[(run["side"], run.get("storage") or run.get("journal"))] = run["reports_per_s"]
    print(f"{len(rounds)} rounds")
    print("| storage (Optuna / Ladder) | Optuna 3.1 reports/s | Ladder reports/s | Ladder / Optuna |")
    print("|---|---:|---:|---:|")
    for optuna, ladder, label in PAIRS:
        o = [r[("optuna", optuna)] for r in rounds if ("optuna", optuna) in r and ("ladder", ladder) in r]
        lad = [r[("ladder", ladder)] for r in rounds if ("optuna", optuna) in r and ("ladder", ladder) in r]
        ratios = [b / a for a, b in zip(o, lad)]
        print(f"| {label} | {statistics.median(o):,.0f} ({min(o):,.0f}-{max(o):,.0f}) "
              f"| {statistics.median(lad):,.0f} ({min(lad):,.0f}-{max(lad):,.0f}) "
              f"| {statistics.median(ratios):.1f}x ({min(ratios):.1f}-{max(ratios):.1f}) |")


if __name__ == "__main__":
    main(sys.argv[1])
